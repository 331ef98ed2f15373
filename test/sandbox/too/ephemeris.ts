// A small, deterministic sky-and-orbit model for the sandbox: low-precision Sun and Moon
// positions (Astronomical Almanac formulae, ~0.01° and ~0.5°), and a circular 96-minute Swift
// orbit (20.6° inclination, nodes regressing ~7°/day) for Earth occultation and SAA passages.
// Plausible, not predictive: windows look like Swift's but will not match the real ones.

const RAD = Math.PI / 180;
const J2000_UNIX_MS = Date.UTC(2000, 0, 1, 12);
const DAY_MS = 86_400_000;

export type Vector = readonly [number, number, number];

export function unitVector(raDeg: number, decDeg: number): Vector {
  const ra = raDeg * RAD;
  const dec = decDeg * RAD;
  return [Math.cos(dec) * Math.cos(ra), Math.cos(dec) * Math.sin(ra), Math.sin(dec)];
}

export function angleDeg(a: Vector, b: Vector): number {
  const dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  return Math.acos(Math.max(-1, Math.min(1, dot))) / RAD;
}

function daysSinceJ2000(unixMs: number): number {
  return (unixMs - J2000_UNIX_MS) / DAY_MS;
}

function eclipticToEquatorial(lambdaDeg: number, betaDeg: number, epsilonDeg: number): Vector {
  const l = lambdaDeg * RAD;
  const b = betaDeg * RAD;
  const e = epsilonDeg * RAD;
  const x = Math.cos(b) * Math.cos(l);
  const y = Math.cos(b) * Math.sin(l);
  const z = Math.sin(b);
  return [x, y * Math.cos(e) - z * Math.sin(e), y * Math.sin(e) + z * Math.cos(e)];
}

export function sunDirection(unixMs: number): Vector {
  const n = daysSinceJ2000(unixMs);
  const meanLongitude = 280.46 + 0.9856474 * n;
  const g = (357.528 + 0.9856003 * n) * RAD;
  const lambda = meanLongitude + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g);
  return eclipticToEquatorial(lambda, 0, 23.439 - 4e-7 * n);
}

export function moonDirection(unixMs: number): Vector {
  const n = daysSinceJ2000(unixMs);
  const meanLongitude = 218.316 + 13.176396 * n;
  const anomaly = (134.963 + 13.064993 * n) * RAD;
  const argument = (93.272 + 13.22935 * n) * RAD;
  return eclipticToEquatorial(meanLongitude + 6.289 * Math.sin(anomaly), 5.128 * Math.sin(argument), 23.439 - 4e-7 * n);
}

/** Right ascension / declination (degrees) of a unit vector. */
export function raDecOf(v: Vector): { ra: number; dec: number } {
  const ra = Math.atan2(v[1], v[0]) / RAD;
  return { ra: (ra + 360) % 360, dec: Math.asin(Math.max(-1, Math.min(1, v[2]))) / RAD };
}

export const ORBIT_PERIOD_MS = 96 * 60_000;
const INCLINATION = 20.6 * RAD;
/** Nodal regression of a 560 km, 20.6° orbit (J2): about −7° per day. */
const NODE_RATE_DEG_PER_DAY = -6.96;
/** Earth's radius seen from 560 km plus the Earth-limb avoidance angle. */
const EARTH_AVOIDANCE_DEG = 67 + 28;

function ascendingNodeDeg(unixMs: number): number {
  return 120 + NODE_RATE_DEG_PER_DAY * daysSinceJ2000(unixMs);
}

/** Spacecraft position (unit vector from Earth's centre, equatorial frame). */
export function spacecraftDirection(unixMs: number): Vector {
  const node = ascendingNodeDeg(unixMs) * RAD;
  const phase = (2 * Math.PI * (unixMs - J2000_UNIX_MS)) / ORBIT_PERIOD_MS;
  const xOrbit = Math.cos(phase);
  const yOrbit = Math.sin(phase);
  const x = xOrbit * Math.cos(node) - yOrbit * Math.cos(INCLINATION) * Math.sin(node);
  const y = xOrbit * Math.sin(node) + yOrbit * Math.cos(INCLINATION) * Math.cos(node);
  return [x, y, yOrbit * Math.sin(INCLINATION)];
}

/** The two orbit poles (normals of the orbit plane). */
export function orbitPoles(unixMs: number): [Vector, Vector] {
  const node = ascendingNodeDeg(unixMs) * RAD;
  const north: Vector = [Math.sin(INCLINATION) * Math.sin(node), -Math.sin(INCLINATION) * Math.cos(node), Math.cos(INCLINATION)];
  return [north, [-north[0], -north[1], -north[2]]];
}

/** Whether the Earth blocks the target (its centre lies closer than Earth radius + limb angle). */
export function earthOcculted(target: Vector, unixMs: number): boolean {
  const [x, y, z] = spacecraftDirection(unixMs);
  const nadir: Vector = [-x, -y, -z];
  return angleDeg(target, nadir) < EARTH_AVOIDANCE_DEG;
}

/** Greenwich mean sidereal time in degrees. */
function gmstDeg(unixMs: number): number {
  return (280.46061837 + 360.98564736629 * daysSinceJ2000(unixMs)) % 360;
}

/** Sub-spacecraft geographic latitude / longitude (degrees, longitude in (−180, 180]). */
export function subSatellitePoint(unixMs: number): { lat: number; lon: number } {
  const { ra, dec } = raDecOf(spacecraftDirection(unixMs));
  let lon = (ra - gmstDeg(unixMs)) % 360;
  if (lon > 180) lon -= 360;
  if (lon <= -180) lon += 360;
  return { lat: dec, lon };
}

/**
 * Inside the South Atlantic Anomaly: an ellipse centred on 25°S 45°W. The BAT flag is rate
 * driven and rises a little earlier and falls a little later, so its region is larger.
 */
export function inSaa(unixMs: number, batFlag: boolean): boolean {
  const { lat, lon } = subSatellitePoint(unixMs);
  const scale = batFlag ? 1.15 : 1;
  const dLon = (lon + 45) / (50 * scale);
  const dLat = (lat + 25) / (17 * scale);
  return dLon * dLon + dLat * dLat <= 1;
}
