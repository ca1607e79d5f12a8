import type { BoardDefinition } from '../../sdk/model/board';

/** The fit check's result, as written into `dist/<firmware>.<board>.json`. */
export interface FitEstimate {
  /** Estimated JsVars the firmware holds at steady state, run from Storage. */
  jsVarsEstimate: number;
  /** JsVars the board has at boot with its radios on (`jsvars.atBoot`). */
  jsVarsBudget: number;
  /** Estimate as a percentage of the budget, one decimal. */
  usedPct: number;
  fits: boolean;
  /** How the estimate was obtained. */
  jsVarsMethod: string;
}

/** Static estimate of the bundle's JsVars against the board's boot budget. */
export function estimateFit(code: string, board: BoardDefinition, measured?: { jsVars: number; method: string }): FitEstimate {
  const est = measured ? measured.jsVars : Math.ceil(code.length * 400 / 7000);
  const budget = board.jsvars.atBoot;
  return {
    jsVarsEstimate: est,
    jsVarsBudget: budget,
    usedPct: Math.round((est / budget) * 1000) / 10,
    fits: est <= budget,
    jsVarsMethod: measured ? measured.method : 'static',
  };
}
