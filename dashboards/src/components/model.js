// Model artifact helpers for the calibration page.

const FACTORS = ["history", "market", "timing", "external"];

/** One row per factor: bootstrap interval, estimate, prior and (generated lakes) the true weight. */
export function weightRows(intervals, model) {
  const byFactor = new Map(intervals.map((d) => [d.factor, d]));
  const truth = model.metrics?.groundTruth?.trueWeights ?? null;
  return FACTORS.map((factor) => {
    const i = byFactor.get(factor);
    return {
      factor,
      estimate: i?.estimate ?? model.weights?.[factor] ?? null,
      lower: i?.lower ?? null,
      upper: i?.upper ?? null,
      prior: model.prior?.weights?.[factor] ?? null,
      truth: truth?.[factor] ?? null
    };
  });
}

/** The calibration's probability at each score 0..100 (core/confidence.ts calibratedProbability). */
export function calibrationCurve(calibration) {
  const points = [];
  for (let score = 0; score <= 100; score += 0.5) {
    let p = score / 100;
    if (calibration?.method === "platt") p = 1 / (1 + Math.exp(-(calibration.a * score + calibration.b)));
    else if (calibration?.method === "isotonic") {
      const {scores, probabilities} = calibration;
      let k = 0;
      while (k + 1 < scores.length && scores[k + 1] <= score) ++k;
      p = probabilities[k];
    }
    points.push({score, p});
  }
  return points;
}
