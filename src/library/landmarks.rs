//! The fixed vocabularies that make content checkable: the landmarks an exercise's path
//! starts and ends on and a region stays off, the distances from them, the positions a
//! body is in, and the parts of the body map a region lights. Routine files name them
//! by id; `docs/library.md` lists them (a test keeps the two in step).

use serde::{Deserialize, Serialize};

/// What kind of place a landmark is, which decides what the loader asks of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LandmarkKind {
    /// A nerve or a vessel close to the surface: a path keeps a hand's width from it, and
    /// an exercise whose region lists it has a caution that names it.
    NerveOrVessel,
    /// Bone under the skin: a path stops short of it.
    Bone,
    /// A crease, a joint, the belly, the spine's unprotected parts, the IT band: never
    /// pressed into.
    NeverPressed,
    /// A place on muscle or tendon that a path may start or end on.
    Place,
}

macro_rules! landmarks {
    ($( $variant:ident = $id:literal, $kind:ident, $words:literal, $names:expr; )*) => {
        /// A named place on the body.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum Landmark { $( $variant, )* }

        impl Landmark {
            pub const ALL: &[Landmark] = &[ $( Landmark::$variant, )* ];

            /// The id routine files use.
            pub fn id(self) -> &'static str {
                match self { $( Landmark::$variant => $id, )* }
            }

            pub fn kind(self) -> LandmarkKind {
                match self { $( Landmark::$variant => LandmarkKind::$kind, )* }
            }

            /// The landmark in words, as `show` prints a path: "the knee crease".
            pub fn words(self) -> &'static str {
                match self { $( Landmark::$variant => $words, )* }
            }

            /// For a nerve or vessel: the words one of which a caution must use to name
            /// what runs there ("nerve", "artery").
            pub fn structure_words(self) -> &'static [&'static str] {
                match self { $( Landmark::$variant => $names, )* }
            }
        }
    };
}

const NONE: &[&str] = &[];
const NERVE: &[&str] = &["nerve"];
const VESSELS: &[&str] = &["artery", "nerve", "vein"];

landmarks! {
    BackOfKnee = "back-of-knee", NerveOrVessel, "the knee crease", VESSELS;
    FemoralTriangle = "femoral-triangle", NerveOrVessel, "the top of the inner thigh below the groin crease", VESSELS;
    FibulaHead = "fibula-head", NerveOrVessel, "the top of the outer shin bone", NERVE;
    SciaticNerve = "sciatic-nerve", NerveOrVessel, "the sciatic nerve, deep in the buttock", NERVE;
    Kneecap = "kneecap", Bone, "the kneecap", NONE;
    ShinBone = "shin-bone", Bone, "the shin bone", NONE;
    HeelBone = "heel-bone", Bone, "the heel bone", NONE;
    AnkleBones = "ankle-bones", Bone, "the ankle bones", NONE;
    GreaterTrochanter = "greater-trochanter", Bone, "the bony point at the side of the hip", NONE;
    FrontOfPelvis = "front-of-pelvis", Bone, "the front point of the pelvis", NONE;
    PelvisRim = "pelvis-rim", Bone, "the top rim of the pelvis", NONE;
    SitBone = "sit-bone", Bone, "the sit bone", NONE;
    TailBone = "tail-bone", Bone, "the tail bone", NONE;
    Spine = "spine", Bone, "the spine", NONE;
    GroinCrease = "groin-crease", NeverPressed, "the groin crease", NONE;
    InnerKnee = "inner-knee", NeverPressed, "the inside of the knee joint", NONE;
    LowerBack = "lower-back", NeverPressed, "the lower back", NONE;
    Neck = "neck", NeverPressed, "the neck", NONE;
    Belly = "belly", NeverPressed, "the belly", NONE;
    ItBand = "it-band", NeverPressed, "the IT band", NONE;
    Achilles = "achilles", Place, "the Achilles", NONE;
    BallOfFoot = "ball-of-foot", Place, "the ball of the foot", NONE;
    ShoulderBladesBottom = "shoulder-blades-bottom", Place, "the bottom of the shoulder blades", NONE;
    ShoulderBladesTop = "shoulder-blades-top", Place, "the top of the shoulder blades", NONE;
}

impl Landmark {
    /// For a nerve or vessel: the words one of which a caution uses to say where it is.
    pub fn place_words(self) -> &'static [&'static str] {
        match self {
            Landmark::BackOfKnee => &["knee crease", "back of the knee"],
            Landmark::FemoralTriangle => &["groin crease", "front of the thigh"],
            Landmark::FibulaHead => &["below the knee", "outer knee", "outer shin bone"],
            Landmark::SciaticNerve => &["down the leg", "buttock"],
            _ => NONE,
        }
    }

    /// Whether `caution` names this nerve or vessel: what runs there and where.
    pub fn named_by(self, caution: &str) -> bool {
        let c = caution.to_lowercase();
        self.structure_words().iter().any(|w| c.contains(w))
            && self.place_words().iter().any(|w| c.contains(w))
    }

    pub fn from_id(id: &str) -> Option<Landmark> {
        Landmark::ALL.iter().copied().find(|l| l.id() == id)
    }
}

/// How far from its landmark a path starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Distance {
    /// On the landmark itself.
    On,
    /// A finger or two short of it.
    JustShort,
    /// A hand's width from it.
    HandWidth,
}

impl Distance {
    pub const ALL: &[Distance] = &[Distance::On, Distance::JustShort, Distance::HandWidth];

    pub fn id(self) -> &'static str {
        match self {
            Distance::On => "on",
            Distance::JustShort => "just-short",
            Distance::HandWidth => "hand-width",
        }
    }

    /// "a hand's width clear of the knee crease"
    pub fn words(self, landmark: Landmark) -> String {
        match self {
            Distance::On => landmark.words().to_string(),
            Distance::JustShort => format!("just short of {}", landmark.words()),
            Distance::HandWidth => format!("a hand's width clear of {}", landmark.words()),
        }
    }
}

/// One end of a path: a landmark and how far from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathEnd {
    pub landmark: Landmark,
    pub distance: Distance,
}

impl PathEnd {
    pub fn words(&self) -> String {
        self.distance.words(self.landmark)
    }

    /// Why this end is not allowed in a region that stays off `stay_off`, if it is not.
    pub fn refusal(&self, stay_off: &[Landmark]) -> Option<String> {
        let l = self.landmark;
        let needed = match l.kind() {
            LandmarkKind::NerveOrVessel => Distance::HandWidth,
            LandmarkKind::Bone | LandmarkKind::NeverPressed => Distance::JustShort,
            LandmarkKind::Place => Distance::On,
        };
        if stay_off.contains(&l) && self.distance == Distance::On {
            return Some(format!(
                "it ends on `{}`, a landmark its region stays off",
                l.id()
            ));
        }
        if self.distance < needed {
            return Some(format!(
                "it ends {} from `{}`; a {} needs at least `{}`",
                self.distance.id(),
                l.id(),
                match l.kind() {
                    LandmarkKind::NerveOrVessel => "nerve or vessel",
                    LandmarkKind::Bone => "bone",
                    _ => "place never pressed",
                },
                needed.id()
            ));
        }
        None
    }
}

/// Where the tool travels: from one landmark to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollPath {
    pub from: PathEnd,
    pub to: PathEnd,
}

impl RollPath {
    /// "from a hand's width clear of the knee crease to just short of the sit bone"
    pub fn words(&self) -> String {
        format!("from {} to {}", self.from.words(), self.to.words())
    }

    /// The path as a line of instructions: "From ... to ...."
    pub fn sentence(&self) -> String {
        format!("From {} to {}.", self.from.words(), self.to.words())
    }
}

/// How the body lies for an exercise's general set-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Posture {
    FaceDown,
    OnBack,
    SideLying,
    Sitting,
    Kneeling,
    Standing,
}

impl Posture {
    pub const ALL: &[Posture] = &[
        Posture::FaceDown,
        Posture::OnBack,
        Posture::SideLying,
        Posture::Sitting,
        Posture::Kneeling,
        Posture::Standing,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Posture::FaceDown => "face-down",
            Posture::OnBack => "on-back",
            Posture::SideLying => "side-lying",
            Posture::Sitting => "sitting",
            Posture::Kneeling => "kneeling",
            Posture::Standing => "standing",
        }
    }

    /// "lying face down"
    pub fn words(self) -> &'static str {
        match self {
            Posture::FaceDown => "lying face down",
            Posture::OnBack => "lying on the back",
            Posture::SideLying => "lying on the side",
            Posture::Sitting => "sitting",
            Posture::Kneeling => "kneeling",
            Posture::Standing => "standing",
        }
    }
}

/// The parts of the body map a region may light (the art in `assets/body-map.txt` draws
/// each of them).
pub const BODY_MAP_PARTS: &[&str] = &[
    "front-hip",
    "front-thigh",
    "outer-thigh",
    "it-band",
    "inner-thigh",
    "shin",
    "outer-shin",
    "upper-back",
    "lower-back",
    "buttock",
    "deep-buttock",
    "side-hip",
    "back-thigh",
    "calf",
    "lower-calf",
    "sole",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for l in Landmark::ALL {
            assert_eq!(Landmark::from_id(l.id()), Some(*l));
        }
        let mut ids: Vec<_> = Landmark::ALL.iter().map(|l| l.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Landmark::ALL.len());
    }

    #[test]
    fn a_path_may_not_end_on_what_its_region_stays_off() {
        let end = |landmark, distance| PathEnd { landmark, distance };
        let stay_off = [Landmark::BackOfKnee, Landmark::SitBone];
        assert!(
            end(Landmark::SitBone, Distance::On)
                .refusal(&stay_off)
                .is_some()
        );
        assert!(
            end(Landmark::SitBone, Distance::JustShort)
                .refusal(&stay_off)
                .is_none()
        );
        // A nerve or vessel needs a hand's width, listed or not.
        assert!(
            end(Landmark::BackOfKnee, Distance::JustShort)
                .refusal(&[])
                .is_some()
        );
        assert!(
            end(Landmark::BackOfKnee, Distance::HandWidth)
                .refusal(&stay_off)
                .is_none()
        );
        assert!(
            end(Landmark::BallOfFoot, Distance::On)
                .refusal(&stay_off)
                .is_none()
        );
    }
}
