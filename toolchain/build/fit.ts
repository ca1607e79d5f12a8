import type { BoardDefinition, Policy } from '../../sdk/model/index';
import { estimateBundleJsVars } from '../../simulator/memory';
import { simulate } from '../../simulator/run';

/** The fit check's result, as written into `dist/<firmware>.<board>.json`. */
export interface FitEstimate {
  /** Estimated JsVars the firmware holds at steady state, code run from Storage. */
  jsVarsEstimate: number;
  /** JsVars the board has at boot: `jsvars.atBoot` with its radios on, `jsvars.atBootBleOff` for a firmware that switches BLE off. */
  jsVarsBudget: number;
  /** Which board field the budget came from. */
  jsVarsBudgetField: 'atBoot' | 'atBootBleOff';
  /** Estimate as a percentage of the budget, one decimal. */
  usedPct: number;
  fits: boolean;
  /** How the estimate was obtained: `simulated` (booted and measured) or `static` (from the bundle text). */
  jsVarsMethod: 'simulated' | 'static';
  /** The method in a sentence. */
  jsVarsMethodDetail: string;
  /** The static estimate from the bundle text, for comparison. */
  jsVarsStatic: number;
}

/** Simulated time the bundle runs before it is measured: windows open, reports queued, checkpoints written. */
const STEADY_STATE_DAYS = 2 / 24;

/**
 * Boot the bundle in the simulator on the board, grant every non-essential
 * purpose of its policy (the worst case: every window open), run it for two
 * simulated hours and count its JsVars with Espruino's cost model, code in
 * Storage. Falls back to the static estimate when the bundle does not boot.
 */
export async function estimateFit(code: string, board: BoardDefinition, policy?: Policy, manifest: { ble?: boolean } = {}): Promise<FitEstimate> {
  const layout = { bytesPerVar: board.jsvars.bytesPerVar };
  const stat = estimateBundleJsVars(code, layout).total;
  let est = stat;
  let method: FitEstimate['jsVarsMethod'] = 'static';
  let detail = 'static estimate from the bundle text (the bundle did not boot in the simulator)';
  try {
    const r = await simulate({
      bundle: code, board, days: STEADY_STATE_DAYS, measureMemory: true, clockAtBoot: 'synced',
      console: grantsFor(policy).map((command) => ({ atMs: 1000, command })),
    });
    if (r.jsVars && r.counters.uncaught === 0) {
      est = r.jsVars.total;
      method = 'simulated';
      detail = `measured in the simulator after ${STEADY_STATE_DAYS * 24} h with every purpose granted (Espruino cost model, code in Storage)`;
    }
  } catch {
    // The static estimate stands.
  }
  const bleOff = manifest.ble === false && board.jsvars.atBootBleOff !== undefined;
  const budget = bleOff ? (board.jsvars.atBootBleOff as number) : board.jsvars.atBoot;
  return { jsVarsEstimate: est, jsVarsBudget: budget, jsVarsBudgetField: bleOff ? 'atBootBleOff' : 'atBoot', usedPct: Math.round((est / budget) * 1000) / 10, fits: est <= budget, jsVarsMethod: method, jsVarsMethodDetail: detail, jsVarsStatic: stat };
}

/** Console commands granting every tier of every non-essential purpose. */
export function grantsFor(policy?: Policy): string[] {
  if (!policy) return [];
  const out: string[] = [];
  for (const id of Object.keys(policy.purposes)) {
    const p = policy.purposes[id];
    if (p.essential) continue;
    // Guarded: a firmware without the owner console API simply runs ungranted.
    for (const tier of [p.tier, ...(p.optInTiers || [])]) out.push(`if (typeof hb !== "undefined") hb.grant(${JSON.stringify(p.recipient)},${JSON.stringify(id)},${JSON.stringify(tier)})`);
  }
  return out;
}
