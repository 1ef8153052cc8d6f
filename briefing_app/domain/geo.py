"""Map projection for the corridors map: Lambert conformal conic, on the sphere or the ellipsoid.

The formulas are those of J. P. Snyder, *Map Projections: A Working Manual* (USGS Professional Paper 1395,
1987), pp. 104-110 (equations 14-1 to 14-4, 15-1 to 15-11, 7-9 and 7-13). Angles are given in degrees;
distances come out in the unit of the semi-major axis ``a`` (kilometres for :data:`EURASIA`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

#: WGS 84 ellipsoid: semi-major axis in kilometres and first eccentricity squared (the node coordinates are WGS 84).
WGS84_A_KM = 6378.137
WGS84_E2 = 0.0066943799901413165

_HALF_PI = math.pi / 2
_QUARTER_PI = math.pi / 4


@dataclass(frozen=True)
class LambertConformalConic:
    """A Lambert conformal conic projection with two standard parallels.

    ``lat0``/``lon0`` is the origin (it maps to x = y = 0), ``lat1`` and ``lat2`` are the standard parallels
    (true scale), ``a`` the semi-major axis (or the sphere's radius) and ``e2`` the eccentricity squared
    (0 for a sphere). Only the northern-hemisphere cone (n > 0) is supported, which is what Eurasia needs.
    """

    lat0: float
    lon0: float
    lat1: float
    lat2: float
    a: float = 1.0
    e2: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.e2 < 1.0:
            raise ValueError(f"eccentricity squared must be in [0, 1), got {self.e2}")
        for name in ("lat0", "lat1", "lat2"):
            if not -90.0 < getattr(self, name) < 90.0:
                raise ValueError(f"{name} must lie strictly between the poles")
        if self.lat1 + self.lat2 <= 0.0:
            raise ValueError("the standard parallels must describe a cone opening to the north (lat1 + lat2 > 0)")

    @property
    def e(self) -> float:
        return math.sqrt(self.e2)

    def _m(self, phi: float) -> float:
        """Snyder (14-15): m = cos phi / sqrt(1 - e^2 sin^2 phi)."""
        sin_phi = math.sin(phi)
        return math.cos(phi) / math.sqrt(1.0 - self.e2 * sin_phi * sin_phi)

    def _t(self, phi: float) -> float:
        """Snyder (15-9): t = tan(pi/4 - phi/2) / ((1 - e sin phi) / (1 + e sin phi))^(e/2)."""
        e = self.e
        e_sin = e * math.sin(phi)
        return math.tan(_QUARTER_PI - phi / 2.0) / ((1.0 - e_sin) / (1.0 + e_sin)) ** (e / 2.0)

    @cached_property
    def n(self) -> float:
        """The cone constant (Snyder 15-8; sin phi1 when both standard parallels coincide)."""
        phi1, phi2 = math.radians(self.lat1), math.radians(self.lat2)
        if math.isclose(phi1, phi2):
            return math.sin(phi1)
        return (math.log(self._m(phi1)) - math.log(self._m(phi2))) / (math.log(self._t(phi1)) - math.log(self._t(phi2)))

    @cached_property
    def big_f(self) -> float:
        """Snyder (15-10): F = m1 / (n t1^n)."""
        phi1 = math.radians(self.lat1)
        return self._m(phi1) / (self.n * self._t(phi1) ** self.n)

    @cached_property
    def rho0(self) -> float:
        return self._rho(math.radians(self.lat0))

    def _rho(self, phi: float) -> float:
        """Snyder (15-7): rho = a F t^n; zero at the north pole."""
        if math.isclose(phi, _HALF_PI):
            return 0.0
        return self.a * self.big_f * self._t(phi) ** self.n

    def forward(self, lat: float, lon: float) -> tuple[float, float]:
        """Project a point given in degrees; returns (x, y) with y growing to the north."""
        if not -90.0 < lat <= 90.0:
            raise ValueError(f"latitude {lat} cannot be shown on a northern Lambert conic")
        rho = self._rho(math.radians(lat))
        delta = (lon - self.lon0 + 180.0) % 360.0 - 180.0  # the longitude difference, wrapped to [-180, 180)
        theta = self.n * math.radians(delta)
        return rho * math.sin(theta), self.rho0 - rho * math.cos(theta)

    def forward_many(self, points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
        """Project (lon, lat) pairs, as GeoJSON orders them; returns (x, y) pairs."""
        return [self.forward(lat, lon) for lon, lat in points]

    def inverse(self, x: float, y: float) -> tuple[float, float]:
        """The (lat, lon) in degrees of a projected point (Snyder 15-11, 14-4, 7-9 iterated)."""
        dy = self.rho0 - y
        rho = math.hypot(x, dy)
        theta = math.atan2(x, dy)
        lon = self.lon0 + math.degrees(theta / self.n)
        if rho == 0.0:
            return 90.0, lon
        t = (rho / (self.a * self.big_f)) ** (1.0 / self.n)
        e = self.e
        phi = _HALF_PI - 2.0 * math.atan(t)
        for _ in range(15):
            e_sin = e * math.sin(phi)
            following = _HALF_PI - 2.0 * math.atan(t * ((1.0 - e_sin) / (1.0 + e_sin)) ** (e / 2.0))
            if abs(following - phi) < 1e-12:
                phi = following
                break
            phi = following
        return math.degrees(phi), (lon + 180.0) % 360.0 - 180.0

    def scale_factor(self, lat: float) -> float:
        """Scale along both the meridian and the parallel at this latitude (Snyder 15-4: k = rho n / (a m))."""
        phi = math.radians(lat)
        return self._rho(phi) * self.n / (self.a * self._m(phi))


#: The corridors map: WGS 84, kilometres, centred on Central Asia. The standard parallels follow the
#: one-sixth rule over the corridors' latitudes (about 18° N, Mumbai, to 60° N, Saint Petersburg).
EURASIA = LambertConformalConic(lat0=40.0, lon0=72.0, lat1=25.0, lat2=53.0, a=WGS84_A_KM, e2=WGS84_E2)
