//! Text written into byte buffers for the national writer: zero-padded numbers, without
//! allocating, and quoted CSV fields.

/// How many decimal digits `n` has.
pub(crate) fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Appends `n` in decimal, zero-padded to at least `width` digits, without allocating.
pub(crate) fn push_padded(out: &mut Vec<u8>, n: usize, width: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in (buf.len() - i)..width {
        out.push(b'0');
    }
    out.extend_from_slice(&buf[i..]);
}

/// A CSV field, quoted (and inner quotes doubled) when it needs to be.
pub(crate) fn csv_quoted(s: &str) -> Vec<u8> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into_bytes()
    } else {
        s.as_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding() {
        let mut v = Vec::new();
        push_padded(&mut v, 7, 3);
        push_padded(&mut v, 12345, 2);
        push_padded(&mut v, 0, 1);
        push_padded(&mut v, usize::MAX, 1);
        assert_eq!(v, format!("00712345{}{}", 0, usize::MAX).into_bytes());
        assert_eq!(digits(1_000_000), 7);
        assert_eq!(digits(0), 1);
        assert_eq!(digits(9), 1);
    }

    #[test]
    fn fields_are_quoted_only_when_they_need_it() {
        assert_eq!(csv_quoted("No further comments."), b"No further comments.");
        assert_eq!(csv_quoted("a, b"), b"\"a, b\"");
        assert_eq!(csv_quoted("say \"hi\""), b"\"say \"\"hi\"\"\"");
        assert_eq!(csv_quoted("two\nlines"), b"\"two\nlines\"");
    }
}
