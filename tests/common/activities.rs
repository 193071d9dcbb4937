//! Activity files for tests and the import benchmark, written here and nowhere else:
//! FIT through a small writer of the format's binary layout (header, definition and
//! data messages, CRC-16), GPX 1.1 and TCX as text. A run is a steady out-and-back
//! along a line of latitude, with a hill in the middle, one point a second.

use std::fmt::Write as _;

/// The FIT epoch (1989-12-31T00:00:00Z) in Unix seconds.
const FIT_EPOCH: i64 = 631_065_600;

#[derive(Debug, Clone)]
pub struct Run {
    /// Start, Unix seconds (UTC).
    pub start: i64,
    /// The local offset from UTC in seconds (FIT carries it; GPX and TCX write UTC).
    pub offset_s: i32,
    pub duration_s: u32,
    pub distance_m: f64,
    /// Climbed and descended over the run (a hill up and down).
    pub climb_m: f64,
    pub hr: Option<u8>,
    /// FIT sport number: 1 running, 2 cycling, 11 walking, 17 hiking, 5 swimming.
    pub sport: u8,
    /// Seconds between points (1 for a watch on every-second recording).
    pub every_s: u32,
}

impl Run {
    pub fn new(start: i64, duration_s: u32, distance_m: f64) -> Run {
        Run {
            start,
            offset_s: 0,
            duration_s,
            distance_m,
            climb_m: 0.0,
            hr: Some(150),
            sport: 1,
            every_s: 1,
        }
    }

    fn points(&self) -> impl Iterator<Item = (u32, f64, f64, f64)> + '_ {
        let n = (self.duration_s / self.every_s.max(1)).max(1);
        let lat0 = 47.0_f64;
        // Metres per degree of longitude at this latitude.
        let per_deg = 111_195.0 * lat0.to_radians().cos();
        (0..=n).map(move |i| {
            let f = f64::from(i) / f64::from(n);
            let t = (f64::from(self.duration_s) * f) as u32;
            let lon = 8.0 + self.distance_m * f / per_deg;
            // Up to the top at the half, down again.
            let ele = 400.0 + self.climb_m * (1.0 - (2.0 * f - 1.0).abs());
            (t, lat0, lon, ele)
        })
    }

    fn sport_word(&self) -> &'static str {
        match self.sport {
            1 => "running",
            2 => "cycling",
            11 => "walking",
            17 => "hiking",
            _ => "other",
        }
    }

    fn iso(&self, t: u32) -> String {
        chrono::DateTime::from_timestamp(self.start + i64::from(t), 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    }

    pub fn gpx(&self) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\" xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n",
        );
        let _ = write!(
            s,
            " <metadata><time>{}</time></metadata>\n <trk><name>Morning Run</name><type>{}</type><trkseg>\n",
            self.iso(0),
            self.sport_word()
        );
        for (t, lat, lon, ele) in self.points() {
            let _ = write!(
                s,
                "  <trkpt lat=\"{lat:.7}\" lon=\"{lon:.7}\"><ele>{ele:.1}</ele><time>{}</time>",
                self.iso(t)
            );
            if let Some(hr) = self.hr {
                let _ = write!(
                    s,
                    "<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>"
                );
            }
            s.push_str("</trkpt>\n");
        }
        s.push_str(" </trkseg></trk>\n</gpx>\n");
        s
    }

    pub fn tcx(&self) -> String {
        let sport = match self.sport {
            1 => "Running",
            2 => "Biking",
            _ => "Other",
        };
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">\n <Activities>\n",
        );
        let _ = write!(
            s,
            "  <Activity Sport=\"{sport}\">\n   <Id>{}</Id>\n   <Lap StartTime=\"{}\">\n    <TotalTimeSeconds>{}</TotalTimeSeconds>\n    <DistanceMeters>{:.1}</DistanceMeters>\n    <Track>\n",
            self.iso(0),
            self.iso(0),
            self.duration_s,
            self.distance_m
        );
        for (i, (t, lat, lon, ele)) in self.points().enumerate() {
            let d = self.distance_m * t as f64 / f64::from(self.duration_s.max(1));
            let _ = write!(
                s,
                "     <Trackpoint><Time>{}</Time><Position><LatitudeDegrees>{lat:.7}</LatitudeDegrees><LongitudeDegrees>{lon:.7}</LongitudeDegrees></Position><AltitudeMeters>{ele:.1}</AltitudeMeters><DistanceMeters>{d:.1}</DistanceMeters>",
                self.iso(t)
            );
            if let Some(hr) = self.hr {
                let _ = write!(s, "<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>");
            }
            let _ = i;
            s.push_str("</Trackpoint>\n");
        }
        s.push_str(
            "    </Track>\n   </Lap>\n  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n",
        );
        s
    }

    /// A FIT activity file: file_id, one record message a point, a session and an
    /// activity message, and the file CRC.
    pub fn fit(&self) -> Vec<u8> {
        let mut data = Vec::new();
        let fit_time = |unix: i64| (unix - FIT_EPOCH) as u32;
        let start = fit_time(self.start);
        // file_id (0): type (0, enum) = 4 activity, manufacturer (1, uint16), time_created (4, uint32)
        define(&mut data, 0, 0, &[(0, 1, 0x00), (1, 2, 0x84), (4, 4, 0x86)]);
        data.push(0);
        data.push(4);
        data.extend(255u16.to_le_bytes());
        data.extend(start.to_le_bytes());
        // record (20): timestamp, lat, long, altitude (scale 5, offset 500), heart_rate,
        // cadence, distance (scale 100), speed (scale 1000), temperature, and the
        // enhanced speed and altitude a modern watch adds.
        define(
            &mut data,
            1,
            20,
            &[
                (253, 4, 0x86),
                (0, 4, 0x85),
                (1, 4, 0x85),
                (2, 2, 0x84),
                (3, 1, 0x02),
                (4, 1, 0x02),
                (5, 4, 0x86),
                (6, 2, 0x84),
                (13, 1, 0x01),
                (73, 4, 0x86),
                (78, 4, 0x86),
                (39, 2, 0x84),
                (41, 2, 0x84),
                (53, 1, 0x02),
            ],
        );
        let semi = |deg: f64| (deg * (2f64.powi(31) / 180.0)) as i32;
        let speed = self.distance_m / f64::from(self.duration_s.max(1));
        for (t, lat, lon, ele) in self.points() {
            data.push(1);
            data.extend(fit_time(self.start + i64::from(t)).to_le_bytes());
            data.extend(semi(lat).to_le_bytes());
            data.extend(semi(lon).to_le_bytes());
            data.extend((((ele + 500.0) * 5.0) as u16).to_le_bytes());
            data.push(self.hr.unwrap_or(0xFF));
            data.push(85);
            let d = self.distance_m * f64::from(t) / f64::from(self.duration_s.max(1));
            data.extend(((d * 100.0) as u32).to_le_bytes());
            data.extend(((speed * 1000.0) as u16).to_le_bytes());
            data.push(18);
            data.extend(((speed * 1000.0) as u32).to_le_bytes());
            data.extend((((ele + 500.0) * 5.0) as u32).to_le_bytes());
            data.extend(850u16.to_le_bytes());
            data.extend(2500u16.to_le_bytes());
            data.push(0);
        }
        let end = start + self.duration_s;
        // session (18)
        define(
            &mut data,
            2,
            18,
            &[
                (253, 4, 0x86),
                (2, 4, 0x86),
                (7, 4, 0x86),
                (8, 4, 0x86),
                (9, 4, 0x86),
                (22, 2, 0x84),
                (23, 2, 0x84),
                (16, 1, 0x02),
                (5, 1, 0x00),
            ],
        );
        data.push(2);
        data.extend(end.to_le_bytes());
        data.extend(start.to_le_bytes());
        data.extend((self.duration_s * 1000).to_le_bytes());
        data.extend((self.duration_s * 1000).to_le_bytes());
        data.extend(((self.distance_m * 100.0) as u32).to_le_bytes());
        data.extend((self.climb_m as u16).to_le_bytes());
        data.extend((self.climb_m as u16).to_le_bytes());
        data.push(self.hr.unwrap_or(0xFF));
        data.push(self.sport);
        // activity (34): timestamp, local_timestamp, num_sessions
        define(
            &mut data,
            3,
            34,
            &[(253, 4, 0x86), (5, 4, 0x86), (1, 2, 0x84)],
        );
        data.push(3);
        data.extend(end.to_le_bytes());
        data.extend(((i64::from(end) + i64::from(self.offset_s)) as u32).to_le_bytes());
        data.extend(1u16.to_le_bytes());
        wrap(&data)
    }
}

/// A definition message for local message `local`: global number and fields
/// (number, size, base type), little-endian.
fn define(out: &mut Vec<u8>, local: u8, global: u16, fields: &[(u8, u8, u8)]) {
    out.push(0x40 | local);
    out.push(0);
    out.push(0);
    out.extend(global.to_le_bytes());
    out.push(fields.len() as u8);
    for (n, size, kind) in fields {
        out.extend([*n, *size, *kind]);
    }
}

/// The FIT CRC-16 of `bytes`, continuing from `crc`.
pub fn crc(mut crc: u16, bytes: &[u8]) -> u16 {
    const TABLE: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    for &b in bytes {
        for nibble in [b & 0xF, b >> 4] {
            let tmp = TABLE[(crc & 0xF) as usize];
            crc = (crc >> 4) & 0x0FFF;
            crc = crc ^ tmp ^ TABLE[nibble as usize];
        }
    }
    crc
}

/// A 14-byte header with its CRC, the data, and the file CRC.
pub fn wrap(data: &[u8]) -> Vec<u8> {
    let mut out = vec![14u8, 0x20];
    out.extend(2132u16.to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out.extend(b".FIT");
    let h = crc(0, &out);
    out.extend(h.to_le_bytes());
    out.extend(data);
    let c = crc(0, &out);
    out.extend(c.to_le_bytes());
    out
}

/// Gzip of `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A gzip member that inflates to `n` zero bytes (written in pieces, so the test
/// never holds `n` bytes).
pub fn gzip_bomb(n: u64) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len() as u64) as usize;
        e.write_all(&chunk[..k]).unwrap();
        left -= k as u64;
    }
    e.finish().unwrap()
}
