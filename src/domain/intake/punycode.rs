//! Punycode decoding (RFC 3492), so a site like `город.рф` is shown to the
//! curator as written, not as `xn--c1ac3aaj.xn--p1ai`. Malformed labels are
//! left as they are; all arithmetic is checked because hosts are untrusted.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// `host` with every `xn--` label decoded to Unicode where it decodes.
pub(super) fn host_to_unicode(host: &str) -> String {
    host.split('.')
        .map(|label| {
            label
                .strip_prefix("xn--")
                .and_then(decode)
                // Control or bidi characters could disguise a host; keep those encoded.
                .filter(|l| l.chars().all(|c| c.is_alphanumeric() || c == '-'))
                .unwrap_or_else(|| label.to_owned())
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn decode(input: &str) -> Option<String> {
    let (basic, extended) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut digits = extended.bytes();
    while digits.len() > 0 {
        let old_i = i;
        i = read_delta(&mut digits, i, bias)?;
        let len = u32::try_from(output.len()).ok()?.checked_add(1)?;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        output.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i += 1;
    }
    Some(output.into_iter().collect())
}

/// Reads one generalized variable-length integer and adds it to `i`.
fn read_delta(digits: &mut std::str::Bytes<'_>, mut i: u32, bias: u32) -> Option<u32> {
    let mut weight = 1u32;
    let mut k = BASE;
    loop {
        let digit = digit_value(digits.next()?)?;
        i = i.checked_add(digit.checked_mul(weight)?)?;
        let t = k.saturating_sub(bias).clamp(T_MIN, T_MAX);
        if digit < t {
            return Some(i);
        }
        weight = weight.checked_mul(BASE - t)?;
        k = k.checked_add(BASE)?;
    }
}

fn digit_value(b: u8) -> Option<u32> {
    match b {
        b'a'..=b'z' => Some(u32::from(b - b'a')),
        b'A'..=b'Z' => Some(u32::from(b - b'A')),
        b'0'..=b'9' => Some(u32::from(b - b'0') + 26),
        _ => None,
    }
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_cyrillic_hosts() {
        assert_eq!(host_to_unicode("xn--c1ac3aaj.xn--p1ai"), "город.рф");
        assert_eq!(host_to_unicode("xn--80aswg.xn--p1acf"), "сайт.рус");
        assert_eq!(host_to_unicode("xn--mnchen-3ya.de"), "münchen.de");
        assert_eq!(host_to_unicode("vk.com"), "vk.com");
    }

    #[test]
    fn malformed_labels_are_kept() {
        for host in [
            "xn--",
            "xn--zzzzzzzzzzzzzz.ru",
            "xn--a-?.ru",
            "xn--99999999999.рф",
        ] {
            let _ = host_to_unicode(host);
        }
        assert_eq!(host_to_unicode("xn--a-?.ru"), "xn--a-?.ru");
        // U+202E (right-to-left override) hidden in a label.
        assert_eq!(host_to_unicode("xn--ab-h4t.ru"), "xn--ab-h4t.ru");
    }
}
