//! A Latin skeleton of a name, so that «Ivanov» typed in Latin letters meets «Иванов». Different
//! transliteration schemes (kh/h, yu/iu, y/i, ts/c) collapse to one form.

/// The Latin skeleton of a normalised name (Cyrillic or Latin).
pub fn latin_skeleton(name: &str) -> String {
    let mut latin = String::with_capacity(name.len() * 2);
    for c in name.chars() {
        let mapped = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'ы' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "c",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "sch",
            'ъ' | 'ь' => "",
            'ю' => "iu",
            'я' => "ia",
            other => {
                latin.push(other);
                continue;
            }
        };
        latin.push_str(mapped);
    }
    // Collapse the usual alternatives of Latin spellings to one.
    let mut s = latin
        .replace("shch", "sch")
        .replace("kh", "h")
        .replace("ts", "c")
        .replace("tz", "c")
        .replace('w', "v")
        .replace(['j', 'y'], "i")
        .replace('x', "ks");
    s = s.replace("ie", "e").replace("ii", "i");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_spellings_meet_their_cyrillic_originals() {
        for (cyr, lat) in [
            ("иванов", "ivanov"),
            ("юлия", "yuliya"),
            ("юлия", "iuliia"),
            ("хабибуллин", "khabibullin"),
            ("щукин", "shchukin"),
            ("царев", "tsarev"),
            ("дмитрий", "dmitriy"),
            ("алексей", "aleksei"),
        ] {
            assert_eq!(latin_skeleton(cyr), latin_skeleton(lat), "{cyr} / {lat}");
        }
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(latin_skeleton("иванов"), latin_skeleton("петров"));
    }
}
