-- 00_macros: helper functions the steps share.
-- normal_cdf: Φ(z) through the Abramowitz-Stegun 7.1.26 erf approximation (|error| < 1.5e-7);
-- pipeline/stats/normal.ts computes the same numbers in TypeScript.
CREATE OR REPLACE MACRO normal_cdf(z) AS (
  0.5 * (1 + sign(z) * (1 - (
    0.254829592 * (1 / (1 + 0.3275911 * abs(z) / sqrt(2)))
    - 0.284496736 * pow(1 / (1 + 0.3275911 * abs(z) / sqrt(2)), 2)
    + 1.421413741 * pow(1 / (1 + 0.3275911 * abs(z) / sqrt(2)), 3)
    - 1.453152027 * pow(1 / (1 + 0.3275911 * abs(z) / sqrt(2)), 4)
    + 1.061405429 * pow(1 / (1 + 0.3275911 * abs(z) / sqrt(2)), 5)
  ) * exp(-(z * z) / 2)))
);
