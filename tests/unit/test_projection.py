"""The corridors map's Lambert conformal conic projection, checked against Snyder's worked examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.domain.geo import EURASIA, WGS84_A_KM, LambertConformalConic

# J. P. Snyder, Map Projections: A Working Manual (USGS PP 1395, 1987), numerical examples of the Lambert
# conformal conic, pp. 295-297: standard parallels 33° N and 45° N, origin 23° N 96° W, point 35° N 75° W.
SNYDER = {"lat0": 23.0, "lon0": -96.0, "lat1": 33.0, "lat2": 45.0}
CLARKE_1866_A_M = 6378206.4
CLARKE_1866_E2 = 0.00676866


def test_spherical_form_reproduces_snyders_worked_example() -> None:
    # Given the unit sphere and Snyder's parameters
    projection = LambertConformalConic(**SNYDER)

    # When the point 35° N, 75° W is projected
    x, y = projection.forward(35.0, -75.0)

    # Then every intermediate and final value matches the book to its seven printed decimals
    assert projection.n == pytest.approx(0.6304777, abs=5e-8)
    assert projection.big_f == pytest.approx(1.9550002, abs=5e-8)
    assert projection.rho0 == pytest.approx(1.5071429, abs=5e-8)
    assert x == pytest.approx(0.2966785, abs=5e-8)
    assert y == pytest.approx(0.2462112, abs=5e-8)


def test_ellipsoidal_form_reproduces_snyders_worked_example_on_clarke_1866() -> None:
    # Given the Clarke 1866 ellipsoid in metres
    projection = LambertConformalConic(**SNYDER, a=CLARKE_1866_A_M, e2=CLARKE_1866_E2)

    # When the same point is projected
    x, y = projection.forward(35.0, -75.0)

    # Then x, y (to the decimetre printed) and the scale factor match the book
    assert projection.n == pytest.approx(0.6304965, abs=5e-8)
    assert x == pytest.approx(1_894_410.9, abs=0.05)
    assert y == pytest.approx(1_564_649.5, abs=0.05)
    assert projection.scale_factor(35.0) == pytest.approx(0.9970171, abs=5e-8)


def test_inverse_of_snyders_example_returns_the_geographic_point() -> None:
    projection = LambertConformalConic(**SNYDER, a=CLARKE_1866_A_M, e2=CLARKE_1866_E2)

    lat, lon = projection.inverse(1_894_410.9, 1_564_649.5)

    assert lat == pytest.approx(35.0, abs=1e-6)
    assert lon == pytest.approx(-75.0, abs=1e-6)


def test_origin_maps_to_zero_and_north_is_up_on_the_central_meridian() -> None:
    assert EURASIA.forward(EURASIA.lat0, EURASIA.lon0) == pytest.approx((0.0, 0.0), abs=1e-9)
    x_north, y_north = EURASIA.forward(EURASIA.lat0 + 10, EURASIA.lon0)
    assert x_north == pytest.approx(0.0, abs=1e-9)
    assert y_north > 0
    # East of the central meridian is to the right.
    assert EURASIA.forward(EURASIA.lat0, EURASIA.lon0 + 10)[0] > 0


def test_scale_is_true_on_both_standard_parallels_and_smaller_between_them() -> None:
    assert EURASIA.scale_factor(EURASIA.lat1) == pytest.approx(1.0, abs=1e-12)
    assert EURASIA.scale_factor(EURASIA.lat2) == pytest.approx(1.0, abs=1e-12)
    assert EURASIA.scale_factor((EURASIA.lat1 + EURASIA.lat2) / 2) < 1.0
    assert EURASIA.scale_factor(EURASIA.lat2 + 10) > 1.0


def test_projection_is_conformal_scale_along_meridian_equals_scale_along_parallel() -> None:
    # Given a point in Central Asia and tiny steps north and east
    lat, lon, step = 43.25, 76.91, 1e-4
    x0, y0 = EURASIA.forward(lat, lon)
    xn, yn = EURASIA.forward(lat + step, lon)
    xe, ye = EURASIA.forward(lat, lon + step)

    # When the projected steps are compared with the ground distances on the WGS 84 ellipsoid
    e2 = EURASIA.e2
    phi = math.radians(lat)
    w = math.sqrt(1 - e2 * math.sin(phi) ** 2)
    meridian_radius = WGS84_A_KM * (1 - e2) / w**3
    parallel_radius = WGS84_A_KM * math.cos(phi) / w
    h = math.hypot(xn - x0, yn - y0) / (meridian_radius * math.radians(step))
    k = math.hypot(xe - x0, ye - y0) / (parallel_radius * math.radians(step))

    # Then both scales agree with each other and with the closed formula
    assert h == pytest.approx(k, rel=1e-6)
    assert k == pytest.approx(EURASIA.scale_factor(lat), rel=1e-6)


@given(lat=st.floats(-10.0, 85.0), lon=st.floats(-15.0, 170.0))
def test_inverse_undoes_forward_anywhere_on_the_map(lat: float, lon: float) -> None:
    x, y = EURASIA.forward(lat, lon)
    back_lat, back_lon = EURASIA.inverse(x, y)
    assert back_lat == pytest.approx(lat, abs=1e-8)
    assert back_lon == pytest.approx(lon, abs=1e-8)


def test_distance_on_the_map_matches_the_ground_distance_within_the_scale_error() -> None:
    # Given Almaty and Astana, about 973 km apart on the ground (haversine on a 6,371 km sphere)
    a, b = (43.25249, 76.91150), (51.18010, 71.44598)
    p1, l1, p2, l2 = map(math.radians, (*a, *b))
    ground = 2 * 6371.0 * math.asin(
        math.sqrt(math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2)
    )

    # When both are projected
    (ax, ay), (bx, by) = EURASIA.forward(*a), EURASIA.forward(*b)

    # Then the map distance is the ground distance times a scale factor between those of the two latitudes
    ratio = math.hypot(bx - ax, by - ay) / ground
    scales = [EURASIA.scale_factor(lat) for lat in (a[0], (a[0] + b[0]) / 2, b[0])]
    assert min(scales) - 0.005 <= ratio <= max(scales) + 0.005


@pytest.mark.parametrize(
    "kwargs",
    [
        {"lat0": 0, "lon0": 0, "lat1": -30, "lat2": 10},
        {"lat0": 95, "lon0": 0, "lat1": 30, "lat2": 50},
        {"lat0": 0, "lon0": 0, "lat1": 30, "lat2": 50, "e2": 1.2},
    ],
)
def test_parameters_that_describe_no_northern_cone_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        LambertConformalConic(**kwargs)
