//! A small `multipart/form-data` parser: enough for what reqwest sends, and
//! it never panics on malformed input (it returns an error instead).

/// One part of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: String,
    /// Present for file uploads.
    pub file_name: Option<String>,
    pub data: Vec<u8>,
}

/// The boundary from a `Content-Type: multipart/form-data; boundary=..`.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').map(str::trim).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut pos = find(body, &delimiter, 0).ok_or("multipart: no opening boundary")?;
    let mut parts = Vec::new();
    loop {
        pos += delimiter.len();
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        pos = skip_crlf(body, pos)?;
        let headers_end = find(body, b"\r\n\r\n", pos).ok_or("multipart: unterminated headers")?;
        let headers = String::from_utf8_lossy(&body[pos..headers_end]).into_owned();
        let data_start = headers_end + 4;
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(&delimiter);
        let data_end = find(body, &closing, data_start).ok_or("multipart: unterminated part")?;
        parts.push(part(&headers, body[data_start..data_end].to_vec())?);
        pos = data_end + 2;
    }
}

fn skip_crlf(body: &[u8], pos: usize) -> Result<usize, String> {
    if body[pos..].starts_with(b"\r\n") {
        Ok(pos + 2)
    } else {
        Err("multipart: expected CRLF after boundary".to_owned())
    }
}

fn part(headers: &str, data: Vec<u8>) -> Result<Part, String> {
    let disposition = headers
        .lines()
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then_some(value)
        })
        .ok_or("multipart: part without Content-Disposition")?;
    let name = param(disposition, "name").ok_or("multipart: part without a name")?;
    let file_name = param(disposition, "filename").or_else(|| extended_param(disposition));
    Ok(Part {
        name,
        file_name,
        data,
    })
}

/// A `key="value"` (or unquoted) parameter of a header value.
fn param(header: &str, key: &str) -> Option<String> {
    header.split(';').map(str::trim).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// RFC 5987 `filename*=utf-8''percent%20encoded`.
fn extended_param(header: &str) -> Option<String> {
    let raw = param(header, "filename*")?;
    let encoded = raw.split("''").nth(1).unwrap_or(&raw);
    Some(percent_decode(encoded))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}
