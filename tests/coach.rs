//! The coach on a fake clock with a fake speaker and a fake recorder: what is said and
//! when, what is saved and when; and the real speech queue with a fake speech command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and benchmark code

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use foamroll::coach::{Coach, CoachConfig, Note, Recorder, Speaker};
use foamroll::input::SessionCommand as Command;
use foamroll::library::{Library, load_builtin};
use foamroll::session::{SessionRecord, Status, Timing};
use foamroll::wording::VoiceDetail;

#[derive(Debug, Clone, PartialEq)]
enum Said {
    Phase(u64),
    Say {
        epoch: u64,
        text: String,
        at: Duration,
        count: bool,
    },
}

/// Records what the coach asks to be said, with the fake clock's time.
#[derive(Debug, Default)]
struct FakeSpeaker {
    log: Mutex<Vec<Said>>,
    now: Mutex<Duration>,
    /// Still speaking until then (fake clock): words queued are not said yet.
    busy_until: Mutex<Duration>,
}

impl Speaker for FakeSpeaker {
    fn is_quiet(&self) -> bool {
        *self.now.lock().unwrap() >= *self.busy_until.lock().unwrap()
    }
    fn phase(&self, epoch: u64) {
        self.log.lock().unwrap().push(Said::Phase(epoch));
    }
    fn say(&self, epoch: u64, text: &str, lifetime: Option<Duration>) {
        let at = *self.now.lock().unwrap();
        self.log.lock().unwrap().push(Said::Say {
            epoch,
            text: text.to_string(),
            at,
            count: lifetime.is_some(),
        });
    }
}

impl FakeSpeaker {
    fn texts(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter_map(|s| match s {
                Said::Say { text, .. } => Some(text.clone()),
                Said::Phase(_) => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, Default)]
struct FakeRecorder {
    saved: Rc<RefCell<Vec<SessionRecord>>>,
}

impl Recorder for FakeRecorder {
    fn save(&mut self, record: &SessionRecord) -> Result<(), String> {
        self.saved.borrow_mut().push(record.clone());
        Ok(())
    }
}

struct Run {
    coach: Coach,
    speaker: Arc<FakeSpeaker>,
    saved: Rc<RefCell<Vec<SessionRecord>>>,
    t0: Instant,
    notes: Vec<(Duration, Note)>,
}

impl Run {
    fn start(routine: &str, config: impl FnOnce(&mut CoachConfig), timing: Timing) -> Run {
        Run::start_busy(routine, config, timing, Duration::ZERO)
    }

    /// As `start`, with a speaker that is still speaking until `busy` (fake clock).
    fn start_busy(
        routine: &str,
        config: impl FnOnce(&mut CoachConfig),
        timing: Timing,
        busy: Duration,
    ) -> Run {
        let library: Arc<Library> = Arc::new(load_builtin().library);
        let speaker = Arc::new(FakeSpeaker::default());
        *speaker.busy_until.lock().unwrap() = busy;
        let mut cfg = CoachConfig {
            speaker: Some(speaker.clone()),
            ..CoachConfig::default()
        };
        config(&mut cfg);
        let recorder = FakeRecorder::default();
        let saved = recorder.saved.clone();
        let t0 = Instant::now();
        let routine = library.routine(routine).unwrap().clone();
        let coach = Coach::start(
            library,
            &routine,
            &timing,
            cfg,
            Some(Box::new(recorder)),
            t0,
            common::ui::wall(),
        );
        let mut run = Run {
            coach,
            speaker,
            saved,
            t0,
            notes: Vec::new(),
        };
        run.collect(Duration::ZERO);
        run
    }

    fn collect(&mut self, at: Duration) {
        for n in self.coach.take_notes() {
            self.notes.push((at, n));
        }
    }

    fn set_clock(&self, at: Duration) {
        *self.speaker.now.lock().unwrap() = at;
    }

    /// Wakes the coach at each deadline until `until` (session seconds).
    fn run_until(&mut self, until: f64) {
        let end = self.t0 + Duration::from_secs_f64(until);
        loop {
            let now = self.t0 + *self.speaker.now.lock().unwrap();
            let Some(next) = self.coach.next_wakeup(now) else {
                return;
            };
            if next > end {
                return;
            }
            let at = next - self.t0;
            self.set_clock(at);
            self.coach.tick(next);
            self.collect(at);
        }
    }

    fn command(&mut self, at: f64, command: Command) {
        let d = Duration::from_secs_f64(at);
        self.run_until(at);
        self.set_clock(d);
        self.coach.command(command, self.t0 + d);
        self.collect(d);
    }
}

fn hands_free() -> Timing {
    Timing {
        auto_release: true,
        auto_find_s: Some(10),
        ..Timing::default()
    }
}

#[test]
fn get_ready_says_the_cue_with_what_comes_next_then_the_set_up_and_the_pressure_rule() {
    let run = Run::start("post-run", |_| {}, hands_free());
    let said = run.speaker.texts();
    assert_eq!(
        said[0],
        "Get ready: Post-run recovery, in 10 seconds. Next: right quad, inner line."
    );
    assert!(
        said[1].starts_with("Quad release. Face down on your forearms,"),
        "{said:?}"
    );
    assert!(
        said[1]
            .contains("Careful: On the inner line, stay a hand's width below the groin crease, where the main artery and nerve run."),
        "{said:?}"
    );
    assert_eq!(
        said[2],
        "Press only as hard as you can breathe through. Sharp pain, tingling or numbness: \
         move off.",
        "the library's pressure-and-pain guide, short form"
    );
    // Plain mode prints the same words.
    let printed: Vec<String> = run
        .notes
        .iter()
        .filter_map(|(_, n)| match n {
            Note::Cue { text, .. } | Note::Detail(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(printed, said);
}

#[test]
fn without_the_guide_the_built_in_pressure_rule_is_said() {
    let mut library = load_builtin().library;
    assert!(library.guide("pressure-and-pain").is_some());
    library.guides.retain(|g| g.id != "pressure-and-pain");
    assert_eq!(
        foamroll::wording::pressure_rule(&library),
        foamroll::wording::PRESSURE_RULE
    );
}

#[test]
fn brief_detail_says_the_caution_but_not_the_set_up() {
    let run = Run::start(
        "post-run",
        |c| c.voice_detail = VoiceDetail::Brief,
        hands_free(),
    );
    let said = run.speaker.texts();
    assert_eq!(
        said[1],
        "Quad release. Careful: On the inner line, stay a hand's width below the groin crease, where the main artery and nerve run."
    );
}

#[test]
fn the_last_three_seconds_are_spoken_at_their_second_and_can_be_turned_off() {
    let mut run = Run::start("post-run", |_| {}, hands_free());
    run.run_until(10.5);
    let counts: Vec<(String, Duration)> = run
        .speaker
        .log
        .lock()
        .unwrap()
        .iter()
        .filter_map(|s| match s {
            Said::Say {
                text,
                at,
                count: true,
                ..
            } => Some((text.clone(), *at)),
            _ => None,
        })
        .collect();
    let secs = |s: u64| Duration::from_secs(s);
    assert_eq!(
        counts,
        vec![
            ("3".to_string(), secs(7)),
            ("2".to_string(), secs(8)),
            ("1".to_string(), secs(9))
        ]
    );

    let mut quiet = Run::start("post-run", |c| c.countdown_voice = false, hands_free());
    quiet.run_until(60.0);
    assert!(
        !quiet.speaker.texts().iter().any(|t| t == "3"),
        "{:?}",
        quiet.speaker.texts()
    );
    // Plain mode still prints them.
    assert!(quiet.notes.iter().any(|(_, n)| *n == Note::Count(3)));
}

#[test]
fn a_late_wake_up_never_skips_a_number_of_the_countdown() {
    // Get ready is 10 s: the coach sleeps through 7 s and 8 s and wakes at 8.5 s, then
    // at 9.95 s. The printed countdown still reads 3, 2, 1.
    let mut run = Run::start("post-run", |_| {}, hands_free());
    for at in [8.5, 9.95] {
        let d = Duration::from_secs_f64(at);
        run.set_clock(d);
        run.coach.tick(run.t0 + d);
        run.collect(d);
    }
    let counts: Vec<u64> = run
        .notes
        .iter()
        .filter_map(|(_, n)| match n {
            Note::Count(k) => Some(*k),
            _ => None,
        })
        .collect();
    assert_eq!(counts, vec![3, 2, 1]);
}

#[test]
fn each_phase_starts_a_new_epoch_before_its_cue_so_older_words_are_stale() {
    let mut run = Run::start("post-run", |_| {}, hands_free());
    run.run_until(300.0);
    let log = run.speaker.log.lock().unwrap().clone();
    let mut epoch = 0;
    for (i, s) in log.iter().enumerate() {
        match s {
            Said::Phase(e) => {
                assert!(*e > epoch, "epochs only grow");
                epoch = *e;
                // The first thing said in a new phase is that phase's cue.
                match log.get(i + 1) {
                    Some(Said::Say {
                        epoch: e2, count, ..
                    }) => {
                        assert_eq!(*e2, epoch);
                        assert!(!count);
                    }
                    other => panic!("phase {e} then {other:?}"),
                }
            }
            Said::Say { epoch: e, .. } => assert_eq!(*e, epoch, "said for the current phase"),
        }
    }
}

#[test]
fn rest_and_switch_say_what_comes_next_and_the_next_step_is_introduced_in_the_rest() {
    let mut run = Run::start("post-run", |_| {}, hands_free());
    run.run_until(300.0);
    let said = run.speaker.texts();
    assert!(
        said.contains(&"Left quad, inner line.".to_string()),
        "{said:?}"
    );
    let rest = said
        .iter()
        .position(|t| t == "Rest, 10 seconds. Next: right hamstring.")
        .unwrap_or_else(|| panic!("{said:?}"));
    assert!(
        said[rest + 1].starts_with("Hamstring release. "),
        "{said:?}"
    );
    // Spoken units are words.
    assert!(
        !said.iter().any(|t| t.contains(" s.") || t.contains(" s ")),
        "{said:?}"
    );
}

#[test]
fn a_session_is_saved_at_start_and_after_every_hold_move_and_side() {
    let mut run = Run::start("post-run", |_| {}, hands_free());
    {
        let saved = run.saved.borrow();
        assert_eq!(saved.len(), 1, "saved once as it starts");
        assert_eq!(saved[0].status, Status::Running);
        assert!(!saved[0].id.is_empty());
    }
    // Get ready 10, find 10, hold 30: the first hold ends at 50 s.
    run.run_until(50.5);
    {
        let saved = run.saved.borrow();
        assert_eq!(saved.len(), 2, "checkpointed after the first hold");
        assert_eq!(saved[1].entries[0].points_held, 1);
    }
    run.run_until(10_000.0);
    let saved = run.saved.borrow();
    let last = saved.last().unwrap();
    assert_eq!(last.status, Status::Completed);
    let holds: u32 = last.entries.iter().map(|e| e.points_held).sum();
    // Start, one checkpoint per hold but the last, then the final record (which the
    // last hold's end is).
    assert_eq!(saved.len() as u32, 1 + (holds - 1) + 1, "{}", saved.len());
    assert!(saved.iter().all(|r| r.id == saved[0].id));

    let mut warmup = Run::start("pre-run", |_| {}, hands_free());
    warmup.run_until(10_000.0);
    let saved = warmup.saved.borrow();
    let moves = saved.last().unwrap().entries.len();
    assert_eq!(
        saved.len(),
        1 + (moves - 1) + 1,
        "start, every move, the end"
    );
}

#[test]
fn interrupted_is_saved_with_the_phase_in_progress() {
    let mut run = Run::start("post-run", |_| {}, hands_free());
    run.run_until(25.0);
    run.coach.save_interrupted(run.t0 + Duration::from_secs(25));
    let saved = run.saved.borrow();
    let last = saved.last().unwrap();
    assert_eq!(last.status, Status::Interrupted);
    assert_eq!(last.entries[0].search_s, 10.0);
    assert_eq!(last.entries[0].hold_s, 5.0);
}

#[test]
fn the_same_commands_give_the_same_feedback() {
    let mut run = Run::start("post-run", |_| {}, Timing::default());
    // A digit out of turn (no hold has ended) does nothing.
    run.command(0.5, Command::Rate(4));
    run.command(1.0, Command::Skip);
    run.command(2.0, Command::Found);
    run.command(5.0, Command::Release);
    assert!(run.notes.iter().any(|(_, n)| matches!(
        n,
        Note::Feedback(t) if t == "Keep holding: 27 seconds to the minimum (R releases anyway)"
    )));
    run.command(33.0, Command::Release);
    assert!(run.notes.iter().any(|(_, n)| *n == Note::RatingPrompt));
    run.command(34.0, Command::Rate(6));
    assert!(run.notes.iter().any(|(_, n)| matches!(
        n,
        Note::Feedback(t) if t == "Six, noted."
    )));
    // A second digit corrects the first, and says so.
    run.command(35.0, Command::Rate(3));
    let noted: Vec<&str> = run
        .notes
        .iter()
        .filter_map(|(_, n)| match n {
            Note::Feedback(t) if t.ends_with(", noted.") => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(noted, ["Six, noted.", "Three, noted."]);
    assert_eq!(run.coach.session().record().entries[0].tenderness, vec![3]);
    run.coach
        .abort(run.t0 + Duration::from_secs(36), common::ui::wall());
    run.collect(Duration::from_secs(36));
    assert!(matches!(
        run.notes.last(),
        Some((_, Note::Ended(Status::Aborted)))
    ));
    assert_eq!(run.saved.borrow().last().unwrap().status, Status::Aborted);
}

#[test]
fn a_question_pauses_and_going_on_resumes_only_what_it_paused() {
    let mut run = Run::start("post-run", |_| {}, Timing::default());
    let at = |s: u64| run.t0 + Duration::from_secs(s);
    let (t2, t5, t6) = (at(2), at(5), at(6));
    run.coach.hold_on(t2);
    assert_eq!(
        run.coach.session().state(),
        foamroll::session::RunState::Paused
    );
    run.coach.go_on(t5);
    assert_eq!(
        run.coach.session().state(),
        foamroll::session::RunState::Running
    );
    // Paused by the person: a question and its answer leave it paused.
    run.coach.command(Command::TogglePause, t5);
    run.coach.hold_on(t6);
    run.coach.go_on(t6);
    assert_eq!(
        run.coach.session().state(),
        foamroll::session::RunState::Paused
    );
}

#[cfg(unix)]
/// A speech command that takes `secs` per utterance and logs when each starts, and
/// whether the one before it was still speaking then.
pub fn fake_speech_command(dir: &std::path::Path, secs: f64) -> std::path::PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("espeak-ng");
    let log = dir.join("speech.log");
    let pid = dir.join("speech.pid");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n[ \"$1\" = -- ] && shift\nnow=$(date +%s.%N)\nprev=$(cat '{pid}' 2>/dev/null)\n\
             if [ -n \"$prev\" ] && kill -0 \"$prev\" 2>/dev/null; then echo \"overlap $now\" >> '{log}'; fi\n\
             echo $$ > '{pid}'\nprintf 'start %s %s\\n' \"$now\" \"$1\" >> '{log}'\nexec sleep {secs}\n",
            pid = pid.display(),
            log = log.display(),
        ),
    )
    .unwrap();
    let mut perms = std::fs::metadata(&script).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).unwrap();
    bin
}

fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// (start time, text) of each utterance, and the number of overlaps seen.
fn speech_log(dir: &std::path::Path) -> (Vec<(f64, String)>, usize) {
    let text = std::fs::read_to_string(dir.join("speech.log")).unwrap_or_default();
    let starts = text
        .lines()
        .filter_map(|l| l.strip_prefix("start "))
        .filter_map(|l| l.split_once(' '))
        .map(|(t, s)| (t.parse().unwrap_or(0.0), s.to_string()))
        .collect();
    (
        starts,
        text.lines().filter(|l| l.starts_with("overlap")).count(),
    )
}

#[cfg(unix)]
#[test]
fn the_speech_queue_never_overlaps_drops_stale_words_and_says_a_new_phase_at_once() {
    let sb = common::Sandbox::new();
    let bin = fake_speech_command(sb.path(), 2.0);
    let path = std::env::join_paths([bin]).unwrap();
    let voice = foamroll::voice::Voice::detect_in(&path)
        .unwrap_or_else(|| panic!("fake speech command not found"));
    let speech = foamroll::voice::Speech::start(voice);
    speech.phase(1);
    speech.say(1, "hold for 30 seconds", None);
    speech.say(1, "stale words", None);
    std::thread::sleep(Duration::from_millis(400));
    let changed = unix_now();
    speech.phase(2);
    speech.say(2, "switch to the left leg", None);
    std::thread::sleep(Duration::from_millis(300));
    // Said while "switch" still speaks: a count must not come late.
    speech.say(2, "3", Some(Duration::from_millis(200)));
    speech.say(2, "next words", None);
    std::thread::sleep(Duration::from_millis(2_600));
    drop(speech);
    let (starts, overlaps) = speech_log(sb.path());
    let texts: Vec<&str> = starts.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(
        texts,
        [
            "hold for 30 seconds",
            "switch to the left leg",
            "next words"
        ],
        "stale words and a late count are dropped"
    );
    assert_eq!(overlaps, 0, "one utterance at a time");
    let latency = starts[1].0 - changed;
    assert!(
        (0.0..0.2).contains(&latency),
        "the new phase's cue started {latency:.3} s after the change"
    );
    assert!(
        starts[2].0 - starts[1].0 >= 1.9,
        "waited for the cue to end"
    );
}

#[test]
fn the_last_hold_can_be_rated_after_the_session_ends() {
    let mut run = Run::start("post-run", |_| {}, hands_free());
    run.run_until(10_000.0);
    assert!(run.coach.is_over());
    let end = *run.speaker.now.lock().unwrap() + Duration::from_secs(1);
    run.coach.command(Command::Rate(4), run.t0 + end);
    let saved = run.saved.borrow();
    let last = saved.last().unwrap();
    assert_eq!(last.status, Status::Completed);
    assert_eq!(last.entries.last().unwrap().tenderness, vec![4]);
}

#[test]
fn a_second_session_with_the_same_voice_is_never_stale() {
    let library: Arc<Library> = Arc::new(load_builtin().library);
    let speaker = Arc::new(FakeSpeaker::default());
    let routine = library.routine("pre-run").unwrap().clone();
    let epochs = |speaker: &FakeSpeaker| -> Vec<u64> {
        let log = speaker.log.lock().unwrap();
        log.iter()
            .filter_map(|s| match s {
                Said::Phase(e) => Some(*e),
                Said::Say { .. } => None,
            })
            .collect()
    };
    let t0 = Instant::now();
    for _ in 0..2 {
        let config = CoachConfig {
            speaker: Some(speaker.clone()),
            ..CoachConfig::default()
        };
        let mut coach = Coach::start(
            library.clone(),
            &routine,
            &hands_free(),
            config,
            None,
            t0,
            common::ui::wall(),
        );
        coach.tick(t0 + Duration::from_secs(3_600));
        assert!(coach.is_over());
    }
    let all = epochs(&speaker);
    assert!(all.len() > 4);
    assert!(
        all.windows(2).all(|w| w[0] < w[1]),
        "epochs keep growing across sessions: {all:?}"
    );
}

fn counts_with_times(run: &Run) -> Vec<(u64, f64)> {
    run.notes
        .iter()
        .filter_map(|(at, n)| match n {
            Note::Count(k) => Some((*k, at.as_secs_f64())),
            _ => None,
        })
        .collect()
}

#[test]
fn with_a_voice_get_ready_lasts_until_the_set_up_is_said_then_counts_on_time() {
    // The get ready's words take 13.2 s to say (the speaker is busy until then).
    let busy = Duration::from_secs_f64(13.2);
    let mut run = Run::start_busy("post-run", |_| {}, hands_free(), busy);
    run.run_until(12.0);
    assert!(
        run.coach
            .session()
            .view(run.t0 + Duration::from_secs(12))
            .listening
    );
    assert!(
        counts_with_times(&run).is_empty(),
        "no count over the set-up"
    );
    // The coach asks again soon while it listens, not only at the 30 s cap.
    let next = run
        .coach
        .next_wakeup(run.t0 + Duration::from_secs(12))
        .unwrap();
    assert!(next - run.t0 <= Duration::from_secs_f64(12.1 + 1e-6));
    run.run_until(30.0);
    // The first search begins 4 s after the words are heard (within a poll of 13.2 s).
    let search = run
        .notes
        .iter()
        .find(|(_, n)| {
            matches!(
                n,
                Note::Cue {
                    cue: foamroll::session::Cue::Search,
                    ..
                }
            )
        })
        .map(|(at, _)| at.as_secs_f64())
        .unwrap();
    let heard = search - 4.0;
    assert!((13.2 - 1e-6..=13.3 + 1e-6).contains(&heard), "{search}");
    // A pause, then 3, 2, 1 each at its second.
    let counts = counts_with_times(&run);
    assert_eq!(
        counts.iter().map(|c| c.0).collect::<Vec<_>>(),
        [3, 2, 1],
        "{counts:?}"
    );
    for (k, at) in counts {
        let due = search - k as f64;
        assert!((at - due).abs() < 0.01, "{k} at {at}, due {due}");
    }
}

#[test]
fn without_a_voice_the_get_ready_is_as_configured() {
    let mut run = Run::start("post-run", |c| c.speaker = None, hands_free());
    run.run_until(11.0);
    let counts = counts_with_times(&run);
    assert_eq!(counts, [(3, 7.0), (2, 8.0), (1, 9.0)]);
}

#[test]
fn every_interaction_is_said_and_shown() {
    let mut run = Run::start("post-run", |_| {}, Timing::default());
    run.command(1.0, Command::TogglePause);
    run.command(2.0, Command::TogglePause);
    run.command(12.0, Command::Found);
    run.command(45.0, Command::Release);
    run.command(46.0, Command::Rate(7));
    let said = run.speaker.texts();
    for words in [
        "Paused.",
        "Go on.",
        "How tender was it, zero to ten?",
        "Seven, noted.",
    ] {
        assert!(said.iter().any(|t| t == words), "{words:?} not in {said:?}");
    }
    // The question is said once per hold, not again in every phase after it.
    run.run_until(80.0);
    let asked = run
        .speaker
        .texts()
        .iter()
        .filter(|t| *t == "How tender was it, zero to ten?")
        .count();
    assert_eq!(asked, 1, "{:?}", run.speaker.texts());
    assert!(run.notes.iter().any(|(_, n)| *n == Note::Paused(true)));
    assert!(run.notes.iter().any(|(_, n)| *n == Note::RatingPrompt));
    assert!(
        run.notes
            .iter()
            .any(|(_, n)| matches!(n, Note::Feedback(t) if t == "Seven, noted."))
    );
}

#[test]
fn a_hands_free_hold_counts_down_to_its_own_end() {
    let timing = Timing::default().hands_free();
    let mut run = Run::start("post-run", |c| c.speaker = None, timing);
    // Get ready 10, search 15, hold 30 + 10 s to settle: ends at 65 s.
    run.run_until(66.0);
    let counts: Vec<(u64, f64)> = counts_with_times(&run)
        .into_iter()
        .filter(|c| c.1 > 20.0)
        .collect();
    assert_eq!(counts, [(3, 62.0), (2, 63.0), (1, 64.0)]);
}

#[test]
fn the_switch_cue_is_short_and_names_only_what_changes() {
    let mut run = Run::start("post-run", |_| {}, hands_free());
    run.run_until(900.0);
    let said = run.speaker.texts();
    // Quads: three lines, then the other leg, starting again on the inner line.
    assert!(
        said.contains(&"Left quad, inner line.".to_string()),
        "{said:?}"
    );
    // Hamstrings have no lines: the side alone.
    assert!(said.contains(&"Left hamstring.".to_string()), "{said:?}");
    assert!(!said.iter().any(|t| t.starts_with("Switch to")), "{said:?}");
    // Unrated, the question is still said once per hold (the last is followed by the
    // end, where the screen asks): 14 holds, 13 questions.
    let asked = said
        .iter()
        .filter(|t| *t == "How tender was it, zero to ten?")
        .count();
    assert_eq!(asked, 13, "{said:?}");
}
