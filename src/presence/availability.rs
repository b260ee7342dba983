//! Lync's availability numbers: the bands a client shows, and the number published for each.

use std::fmt;
use std::ops::RangeInclusive;

/// What an availability number means: the band of numbers Lync documents for it (state category,
/// `availability` element). Numbers below 3000 belong to no band.
///
/// ```
/// use enhanced_presence::presence::Availability;
///
/// assert_eq!(Availability::from_number(6900), Some(Availability::Busy));
/// assert_eq!(Availability::DoNotDisturb.value(), 9500);
/// assert_eq!(Availability::from_number(42), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Availability {
    /// 3000–4499; published as 3500.
    Available,
    /// 4500–5999: available, but the machine has been idle.
    AvailableIdle,
    /// 6000–7499; published as 6500.
    Busy,
    /// 7500–8999: busy, and the machine has been idle.
    BusyIdle,
    /// 9000–11999; published as 9500.
    DoNotDisturb,
    /// 12000–14999; published as 12500.
    BeRightBack,
    /// 15000–17999; published as 15500.
    Away,
    /// 18000 and above; published as 18500.
    Offline,
}

impl Availability {
    /// Every band, from the most available.
    pub const ALL: [Availability; 8] = [
        Availability::Available,
        Availability::AvailableIdle,
        Availability::Busy,
        Availability::BusyIdle,
        Availability::DoNotDisturb,
        Availability::BeRightBack,
        Availability::Away,
        Availability::Offline,
    ];

    /// The band `number` falls in, or `None` below 3000 (no documented meaning).
    pub fn from_number(number: u32) -> Option<Availability> {
        Availability::ALL.into_iter().rev().find(|band| number >= *band.range().start())
    }

    /// The numbers of the band (Offline runs to `u32::MAX`).
    pub const fn range(self) -> RangeInclusive<u32> {
        match self {
            Availability::Available => 3000..=4499,
            Availability::AvailableIdle => 4500..=5999,
            Availability::Busy => 6000..=7499,
            Availability::BusyIdle => 7500..=8999,
            Availability::DoNotDisturb => 9000..=11999,
            Availability::BeRightBack => 12000..=14999,
            Availability::Away => 15000..=17999,
            Availability::Offline => 18000..=u32::MAX,
        }
    }

    /// The number to publish: Lync's published values 3500, 6500, 9500, 12500, 15500 and 18500. The
    /// idle bands have no published value (the server derives them from machine activity); for
    /// them this is the first number of the band, 4500 and 7500.
    pub const fn value(self) -> u32 {
        match self {
            Availability::Available => 3500,
            Availability::Busy => 6500,
            Availability::DoNotDisturb => 9500,
            Availability::BeRightBack => 12500,
            Availability::Away => 15500,
            Availability::Offline => 18500,
            Availability::AvailableIdle | Availability::BusyIdle => *self.range().start(),
        }
    }
}

impl From<Availability> for u32 {
    fn from(availability: Availability) -> u32 {
        availability.value()
    }
}

/// The name a Lync client shows: `Available`, `Busy`, `Do Not Disturb`, `Be Right Back`, …
impl fmt::Display for Availability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Availability::Available => "Available",
            Availability::AvailableIdle => "Available (idle)",
            Availability::Busy => "Busy",
            Availability::BusyIdle => "Busy (idle)",
            Availability::DoNotDisturb => "Do Not Disturb",
            Availability::BeRightBack => "Be Right Back",
            Availability::Away => "Away",
            Availability::Offline => "Offline",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_every_number_from_3000_without_gaps() {
        for pair in Availability::ALL.windows(2) {
            assert_eq!(pair[0].range().end() + 1, *pair[1].range().start(), "{pair:?}");
        }
        for band in Availability::ALL {
            assert_eq!(Availability::from_number(band.value()), Some(band));
            assert_eq!(Availability::from_number(*band.range().start()), Some(band));
            assert_eq!(Availability::from_number(*band.range().end()), Some(band));
        }
        assert_eq!(Availability::from_number(2999), None);
    }
}
