/**
 * A synchronous bridge to V8's inspector on the main thread, for what plain
 * JS cannot see: a function's closure scopes ([[Scopes]]), its source
 * location, and the target of a bound function.
 *
 * Node 20 dispatches `session.post` on a main-thread Session synchronously:
 * the callback runs before `post` returns (checked in `post`, which throws
 * if a runtime ever answers later, rather than returning garbage).
 */
import * as inspector from 'inspector';

const GROUP = 'homebound-heap-walk';
// Symbol-keyed slots on the main realm's global: reachable from an inspector
// expression, invisible to string-keyed enumeration, removed by close().
const SINK = Symbol.for('homebound.heapWalk.sink');
const VALUE = Symbol.for('homebound.heapWalk.value');

interface RemoteObject { type: string; subtype?: string; value?: unknown; objectId?: string }
interface PropertyDescriptor { name: string; value?: RemoteObject }

/** One entry of a function's [[Scopes]]: V8's description ("Closure (f)", "Block", "Script", "Global") and a copy of its variables. */
export interface V8Scope {
  description: string;
  /** Materialised variables: same values (same object identities) as the live context. */
  variables: { [name: string]: unknown };
}

/** What the inspector reports for a function. */
export interface FunctionInternals {
  /** 0-based line and column of the parameter list, in the function's script. */
  location?: { scriptId: string; line: number; column: number };
  /** Innermost first, as V8 lists them. */
  scopes: V8Scope[];
  bound?: { target: unknown; thisArg: unknown; args: unknown[] };
}

type Holder = { [SINK]?: (v: unknown) => void; [VALUE]?: unknown };

export class InspectorBridge {
  private readonly session = new inspector.Session();
  private readonly holder = globalThis as unknown as Holder;
  private sinkId = '';
  private received: unknown;
  calls = 0;

  constructor() {
    this.session.connect();
    const sink = (v: unknown): void => { this.received = v; };
    this.holder[SINK] = sink;
    this.sinkId = this.objectIdOf(sink);
  }

  /** Synchronous `session.post`; throws the protocol error, or if the answer did not arrive synchronously. */
  post<T>(method: string, params: object): T {
    let done = false;
    let error: Error | null = null;
    let result: unknown;
    this.calls++;
    this.session.post(method, params, (err, res) => { done = true; error = err; result = res; });
    if (!done) throw new Error(`inspector ${method} answered asynchronously; the heap walk needs a main-thread session`);
    if (error) throw new Error(`inspector ${method} failed: ${(error as Error).message}`);
    return result as T;
  }

  /** A remote object id for a live value (any realm). */
  objectIdOf(value: object): string {
    this.holder[VALUE] = value;
    try {
      const r = this.post<{ result: RemoteObject }>('Runtime.evaluate', {
        expression: 'globalThis[Symbol.for("homebound.heapWalk.value")]', objectGroup: GROUP, silent: true,
      });
      if (!r.result.objectId) throw new Error('inspector returned no object id');
      return r.result.objectId;
    } finally {
      this.holder[VALUE] = undefined;
    }
  }

  /** The live value behind a remote object id. */
  valueOf(objectId: string): unknown {
    this.received = undefined;
    this.post('Runtime.callFunctionOn', {
      objectId, functionDeclaration: 'function (sink) { sink(this); }', arguments: [{ objectId: this.sinkId }], objectGroup: GROUP, silent: true,
    });
    return this.received;
  }

  private remoteValue(r: RemoteObject | undefined): unknown {
    if (!r) return undefined;
    if (r.objectId) return this.valueOf(r.objectId);
    return r.type === 'undefined' ? undefined : r.value;
  }

  /** Location, closure scopes and bound target of a function. */
  functionInternals(fn: Function): FunctionInternals {
    const id = this.objectIdOf(fn);
    const props = this.post<{ internalProperties?: PropertyDescriptor[] }>('Runtime.getProperties', {
      objectId: id, ownProperties: true, generatePreview: false, objectGroup: GROUP,
    });
    const internal = new Map((props.internalProperties || []).map((p) => [p.name, p.value]));
    const out: FunctionInternals = { scopes: [] };
    const loc = internal.get('[[FunctionLocation]]')?.value as { scriptId: string; lineNumber: number; columnNumber: number } | undefined;
    if (loc) out.location = { scriptId: loc.scriptId, line: loc.lineNumber, column: loc.columnNumber };
    const target = internal.get('[[TargetFunction]]');
    if (target) {
      const args = this.remoteValue(internal.get('[[BoundArgs]]'));
      out.bound = { target: this.remoteValue(target), thisArg: this.remoteValue(internal.get('[[BoundThis]]')), args: Array.from(args as ArrayLike<unknown> || []) };
    }
    const scopes = internal.get('[[Scopes]]');
    if (scopes && scopes.objectId) {
      const list = this.valueOf(scopes.objectId) as ArrayLike<{ description: string; object: { [k: string]: unknown } }> | undefined;
      for (const s of Array.from(list || [])) out.scopes.push({ description: String(s.description), variables: s.object });
    }
    return out;
  }

  /** Release remote objects and disconnect; idempotent. */
  close(): void {
    try { this.post('Runtime.releaseObjectGroup', { objectGroup: GROUP }); } catch { /* already disconnected */ }
    this.session.disconnect();
    delete this.holder[SINK];
    delete this.holder[VALUE];
  }
}
