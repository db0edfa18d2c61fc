//! Texts of the Opportunities page (issue 15, item 3).

use super::{AnyKey, Lang, Text};

catalogue! {
    // Filters
    FilterSegment { en: "Segment", fi: "Segmentti" }
    Status { en: "Status", fi: "Tila" }

    // Columns
    ColSegment { en: "Segment and description", fi: "Segmentti ja kuvaus" }
    ColContacted { en: "Contacted", fi: "Yhteys otettu" }

    // Statuses, derived from the interaction logged for the opportunity
    StatusNotContacted { en: "Not contacted", fi: "Ei yhteydenottoa" }
    StatusContacted { en: "Contacted", fi: "Yhteys otettu" }
    StatusOf { en: "Status of {no} ({name})", fi: "Myyntimahdollisuuden {no} ({name}) tila" }
    StatusHint {
        en: "An opportunity is contacted once its segment is logged. Its status is the evaluation of that interaction, so the interaction log shows the change too.",
        fi: "Myyntimahdollisuuteen on otettu yhteyttä, kun sen segmentti on kirjattu. Sen tila on kyseisen vuorovaikutuksen arvio, joten muutos näkyy myös vuorovaikutuslokissa.",
    }
    StatusChanged { en: "The status of {no} is now {status}.", fi: "Myyntimahdollisuuden {no} tila on nyt {status}." }

    // Counts and empty states
    Count {
        en: "{count, plural, one {# opportunity} other {# opportunities}}",
        fi: "{count, plural, one {# myyntimahdollisuus} other {# myyntimahdollisuutta}}",
    }
    Empty {
        en: "No opportunities yet. Create them for a segment's contacts from the segment's More menu.",
        fi: "Myyntimahdollisuuksia ei vielä ole. Luo niitä segmentin yhteyshenkilöille segmentin Lisää toimintoja -valikosta.",
    }
    NoMatch { en: "No opportunity matches these filters.", fi: "Mikään myyntimahdollisuus ei vastaa näitä suodattimia." }
}
