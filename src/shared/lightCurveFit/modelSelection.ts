// Choosing the number of breaks: the Bayesian information criterion, BIC = χ² + k·ln n (k free
// parameters, n detections in the fit), lowest wins.
//
// Why BIC and not an F-test: a break time does not exist under the model with one break fewer, so the
// regularity conditions behind the F-test and the likelihood-ratio test fail (Protassov et al. 2002,
// ApJ 571, 545) and their false-positive rates are not what the nominal significance says. BIC needs
// no null distribution, compares all candidates at once rather than in a nested sequence, and its
// ln n penalty grows with the size of the light curve, so a long, well-sampled curve does not sprout
// breaks to absorb small wiggles (flares, which belong in exclusions). It favours the simpler model
// on ties; a difference of ≥ 6 is "strong" evidence on the Kass & Raftery (1995) scale.
export const SELECTION_RULE = 'BIC = χ² + k·ln(n) with k free parameters and n detections; the lowest BIC is chosen';

export function bic(chi2: number, freeParameters: number, detections: number): number {
  return chi2 + freeParameters * Math.log(detections);
}
