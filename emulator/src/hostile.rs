//! Hostile data for `Options::hostile_text`: terminal escapes, invisible characters and garbage dates.

use crate::data::Conversation;

/// What `Options::hostile_text` puts in every free-text field: an OSC 52 clipboard write, a CSI
/// colour change, a C1 CSI that clears the screen, DEL, a right-to-left override, a zero-width
/// space and a backspace. A client that prints any of these raw can be attacked by a customer.
pub const HOSTILE_SEQUENCES: [&str; 7] = [
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{1b}[31m",
    "\u{9b}2J",
    "\u{7f}",
    "\u{202e}",
    "\u{200b}",
    "\u{8}",
];

/// Date/times a confused or compromised server might send; none parses as a timestamp.
const BAD_DATES: &[&str] = &[
    "yesterday",
    "2024-13-45T25:61:00+00:00",
    "0000-00-00 00:00:00",
    "Tue, 32 Foo 2024",
    "NaN",
];

/// `text` with every hostile sequence inserted, in a random order, at random word boundaries.
pub(crate) fn hostile(text: &str, rng: &mut fastrand::Rng) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut gaps: Vec<String> = vec![String::new(); words.len() + 1];
    let mut sequences = HOSTILE_SEQUENCES;
    rng.shuffle(&mut sequences);
    for sequence in sequences {
        let gap = rng.usize(..gaps.len());
        gaps[gap].push_str(sequence);
    }
    let mut out = gaps[0].clone();
    for (index, (word, gap)) in words.iter().zip(&gaps[1..]).enumerate() {
        if index > 0 {
            out.push(' ');
        }
        out.push_str(word);
        out.push_str(gap);
    }
    out
}

/// `text` with the hostile sequences taken out again: what a laced field says underneath.
pub(crate) fn unlaced(text: &str) -> String {
    HOSTILE_SEQUENCES
        .iter()
        .fold(text.to_string(), |text, sequence| {
            text.replace(sequence, "")
        })
}

pub(crate) fn make_hostile(
    conversation: &mut Conversation,
    rng: &mut fastrand::Rng,
    bad_dates: bool,
) {
    conversation.medium = hostile(&conversation.medium, rng);
    for participant in &mut conversation.participants {
        participant.conversation_participant_name =
            hostile(&participant.conversation_participant_name, rng);
    }
    for message in &mut conversation.messages {
        message.body = hostile(&message.body, rng);
        message.kind = hostile(&message.kind, rng);
        // Authors keep the (now hostile) name of the participant they are.
        if let Some(author) = conversation
            .participants
            .iter()
            .find(|p| p.conversation_participant_arn == message.author_conversation_participant_arn)
        {
            message
                .author_conversation_participant_name
                .clone_from(&author.conversation_participant_name);
        }
    }
    if bad_dates {
        let garbage = hostile(BAD_DATES[rng.usize(..BAD_DATES.len())], rng);
        for participant in &mut conversation.participants {
            participant.joined_dts.clone_from(&garbage);
            if participant.last_message_dts.is_some() {
                participant.last_message_dts = Some(garbage.clone());
            }
        }
        for message in &mut conversation.messages {
            message.message_dts.clone_from(&garbage);
        }
        conversation.bad_dates = Some(garbage);
    }
}
