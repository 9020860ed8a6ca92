//! Reading a server-rendered page as a browser without JavaScript would: a form's fields as it
//! sends them, and the message the page shows.

/// The value of attribute `name` in a tag.
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()
}

/// The fields of a form as a browser sends it when nothing was typed: hidden fields and checked
/// boxes with their values, a select's chosen (or first) option, every other field empty.
pub fn fields_of(form: &str) -> Vec<(String, String)> {
    let form = &form[..form.find("</form>").unwrap_or(form.len())];
    let mut fields = Vec::new();
    for kind in ["<input", "<select", "<textarea"] {
        for piece in form.split(kind).skip(1) {
            let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
            let Some(name) = attribute(tag, "name") else {
                continue;
            };
            let checked = tag.contains(" checked");
            let value = match (kind, attribute(tag, "type")) {
                (_, Some("radio" | "checkbox")) if !checked => continue,
                (_, Some("hidden" | "radio" | "checkbox")) => {
                    attribute(tag, "value").unwrap_or("on")
                }
                ("<select", _) => {
                    let options = &piece[..piece.find("</select>").unwrap_or(piece.len())];
                    let chosen = options
                        .split("<option")
                        .skip(1)
                        .find(|o| o.contains(" selected"))
                        .or_else(|| options.split("<option").nth(1));
                    chosen
                        .and_then(|o| attribute(o, "value"))
                        .unwrap_or_default()
                }
                _ => "",
            };
            fields.push((name.to_owned(), value.to_owned()));
        }
    }
    // The button pressed sends its own name and value: the form's main one, its last.
    let pressed = form
        .split("<button")
        .skip(1)
        .map(|piece| &piece[..piece.find('>').unwrap_or(piece.len())])
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value")?)))
        .last();
    if let Some((name, value)) = pressed {
        fields.push((name.to_owned(), value.to_owned()));
    }
    fields
}

/// The text of the first message a page shows: an error summary, a field's error, a notice.
pub fn message_in(html: &str) -> Option<String> {
    let markers = [
        "class=\"error-summary",
        "class=\"field-error",
        "class=\"notice",
        "role=\"alert\"",
        "role=\"status\"",
    ];
    let at = markers.iter().filter_map(|m| html.find(m)).min()?;
    let rest = &html[at..];
    let rest = &rest[rest.find('>')? + 1..];
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest.chars().take(600) {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}
