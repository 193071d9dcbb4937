//! The time of one phase, computed from instants: never by counting ticks.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseClock {
    /// When the phase began (its predecessor's deadline, not when that was noticed).
    pub started: Instant,
    paused_total: Duration,
    paused_at: Option<Instant>,
    /// Seconds added (+) or removed (-) with +/-.
    adjust_s: i64,
}

impl PhaseClock {
    pub fn new(started: Instant) -> Self {
        PhaseClock {
            started,
            paused_total: Duration::ZERO,
            paused_at: None,
            adjust_s: 0,
        }
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    pub fn pause(&mut self, now: Instant) {
        if self.paused_at.is_none() {
            self.paused_at = Some(now.max(self.started));
        }
    }

    pub fn resume(&mut self, now: Instant) {
        if let Some(at) = self.paused_at.take() {
            self.paused_total += now.saturating_duration_since(at);
        }
    }

    /// Unpaused time since the phase began.
    pub fn elapsed(&self, now: Instant) -> Duration {
        let until = self.paused_at.unwrap_or(now);
        until
            .saturating_duration_since(self.started)
            .saturating_sub(self.paused_total)
    }

    /// The instant at which `active` unpaused time will have elapsed, if running.
    pub fn instant_at(&self, active: Duration) -> Option<Instant> {
        if self.paused_at.is_some() {
            return None;
        }
        self.started
            .checked_add(self.paused_total)?
            .checked_add(active)
    }

    /// A countdown's length after +/- adjustments, never below zero.
    pub fn length(&self, base: Duration) -> Duration {
        let base_s = base.as_secs_f64();
        // Checked: no length, however adjusted, reaches a panicking conversion.
        Duration::try_from_secs_f64((base_s + self.adjust_s as f64).max(0.0)).unwrap_or(base)
    }

    /// Adds or removes time, keeping what is left of `base` at zero or more.
    pub fn adjust(&mut self, base: Duration, delta_s: i64, now: Instant) {
        let elapsed = self.elapsed(now).as_secs_f64();
        let wanted = self.adjust_s.saturating_add(delta_s);
        // Removing time stops at "nothing left", so the countdown ends now rather than
        // pretending it ended in the past.
        let floor = (elapsed - base.as_secs_f64()).ceil() as i64;
        self.adjust_s = wanted.max(floor.min(self.adjust_s));
    }

    pub fn remaining(&self, base: Duration, now: Instant) -> Duration {
        self.length(base).saturating_sub(self.elapsed(now))
    }
}

/// Whole seconds as a countdown shows them: 12.3 s left shows 13.
pub fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pausing_twice_adds_no_drift() {
        let t0 = Instant::now();
        let s = Duration::from_secs;
        let mut c = PhaseClock::new(t0);
        c.pause(t0 + s(10));
        c.resume(t0 + s(25));
        c.pause(t0 + s(30));
        c.resume(t0 + s(31));
        assert_eq!(c.elapsed(t0 + s(31)), s(15));
        assert_eq!(c.instant_at(s(30)), Some(t0 + s(46)));
    }

    #[test]
    fn removing_time_never_goes_below_zero_left() {
        let t0 = Instant::now();
        let s = Duration::from_secs;
        let mut c = PhaseClock::new(t0);
        c.adjust(s(30), -10, t0 + s(25));
        assert_eq!(c.remaining(s(30), t0 + s(25)), Duration::ZERO);
        assert_eq!(c.length(s(30)), s(25));
        c.adjust(s(30), 10, t0 + s(25));
        assert_eq!(c.remaining(s(30), t0 + s(25)), s(10));
    }

    #[test]
    fn countdown_shows_ceiling() {
        assert_eq!(ceil_secs(Duration::from_millis(12_300)), 13);
        assert_eq!(ceil_secs(Duration::from_secs(12)), 12);
        assert_eq!(ceil_secs(Duration::ZERO), 0);
    }
}

/// The session's clock: real time sped up by a factor (`--speed`, for demonstrations
/// and tests). Maps real instants to session instants and back, so the engine and
/// records see session time while the app sleeps in real time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionClock {
    origin: Instant,
    factor: f64,
}

/// The speed factors `--speed` accepts: a factor outside these would make durations
/// overflow (`--speed 1e-20` once panicked in `Duration::div_f64`).
pub const SPEED: std::ops::RangeInclusive<f64> = 0.01..=10_000.0;

impl SessionClock {
    pub fn new(origin: Instant, factor: f64) -> Self {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor.clamp(*SPEED.start(), *SPEED.end())
        } else {
            1.0
        };
        SessionClock { origin, factor }
    }

    pub fn at(&self, real: Instant) -> Instant {
        if self.factor == 1.0 {
            return real;
        }
        let scaled = real.saturating_duration_since(self.origin).as_secs_f64() * self.factor;
        Duration::try_from_secs_f64(scaled)
            .ok()
            .and_then(|d| self.origin.checked_add(d))
            .unwrap_or(real)
    }

    pub fn now(&self) -> Instant {
        self.at(Instant::now())
    }

    /// Real time to wait from real `now` until session instant `until`.
    pub fn real_wait(&self, now: Instant, until: Instant) -> Duration {
        let wait = until.saturating_duration_since(self.at(now)).as_secs_f64() / self.factor;
        Duration::try_from_secs_f64(wait).unwrap_or(Duration::MAX)
    }
}

#[cfg(test)]
mod speed_tests {
    use super::*;

    #[test]
    fn a_hundred_times_faster() {
        let t0 = Instant::now();
        let c = SessionClock::new(t0, 100.0);
        assert_eq!(
            c.at(t0 + Duration::from_millis(300)),
            t0 + Duration::from_secs(30)
        );
        assert_eq!(
            c.real_wait(t0, t0 + Duration::from_secs(30)),
            Duration::from_millis(300)
        );
        assert_eq!(
            SessionClock::new(t0, -3.0).at(t0 + Duration::from_secs(1)),
            t0 + Duration::from_secs(1)
        );
    }
}
