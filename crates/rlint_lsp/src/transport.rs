//! A guard in front of tower-lsp's reader: tower-lsp stops reading stdin after the first frame
//! it cannot decode (a bad header, invalid JSON, or JSON that is not a JSON-RPC message), which
//! would end the session. This layer re-frames stdin, drops such frames with a log line, and
//! forwards only well-formed messages, so the server keeps serving the valid ones after them.
//! It also ends tower-lsp's input right after `exit`, so the process stops without waiting for
//! the client to close stdin.

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Frames larger than this are rejected (and their header dropped) rather than buffered.
const MAX_CONTENT_LENGTH: usize = 512 * 1024 * 1024;

/// Copies well-formed frames from `input` to `output` until `input` ends.
pub async fn forward_valid_frames(
    mut input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
) {
    let mut buffer: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        while let Some(frame) = next_frame(&mut buffer) {
            match frame {
                Ok(Frame { body, is_exit }) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    let written = async {
                        output.write_all(header.as_bytes()).await?;
                        output.write_all(&body).await?;
                        output.flush().await
                    };
                    // tower-lsp notices `exit` only when the next message or the end of input
                    // arrives: end the input so the server stops now.
                    if written.await.is_err() || is_exit {
                        return;
                    }
                }
                Err(reason) => crate::log(&format!("dropping a malformed message: {reason}")),
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

/// A valid message as it goes on to tower-lsp.
#[derive(Debug, PartialEq, Eq)]
pub struct Frame {
    pub body: Vec<u8>,
    /// Whether it is the `exit` notification, after which nothing more is read: known from the
    /// one parse each message gets here (a `didOpen` of a large file is megabytes of JSON).
    pub is_exit: bool,
}

/// Takes the next frame off the front of `buffer`: `None` when more bytes are needed,
/// `Some(Err)` for a frame that was dropped, `Some(Ok(frame))` for a valid message. Requests
/// that the server answers itself ([`crate::direct`]) come out wrapped for it.
pub fn next_frame(buffer: &mut Vec<u8>) -> Option<Result<Frame, String>> {
    let body = match take_frame(buffer)? {
        Ok(body) => body,
        Err(reason) => return Some(Err(reason)),
    };
    match serde_json::from_slice::<Value>(&body) {
        Ok(mut message) if is_message(&message) => {
            let Some(object) = message.as_object_mut() else {
                return Some(Ok(Frame {
                    body,
                    is_exit: false,
                }));
            };
            let is_exit = object.get("method").and_then(Value::as_str) == Some("exit");
            // Clients send `"params": null` for parameterless methods (`shutdown`, `exit`);
            // tower-lsp rejects it, so it is dropped as if omitted.
            let null_params = object.get("params").is_some_and(Value::is_null);
            if null_params {
                object.remove("params");
            }
            let wrapped = crate::direct::wrap_request(object);
            let body = if null_params || wrapped {
                message.to_string().into_bytes()
            } else {
                body
            };
            Some(Ok(Frame { body, is_exit }))
        }
        Ok(_) => Some(Err("not a JSON-RPC 2.0 message".to_string())),
        Err(error) => Some(Err(format!("invalid JSON: {error}"))),
    }
}

/// Takes the next `Content-Length` frame's body off the front of `buffer`, without looking
/// inside it: `None` when more bytes are needed, `Some(Err)` for a bad header (dropped).
pub fn take_frame(buffer: &mut Vec<u8>) -> Option<Result<Vec<u8>, String>> {
    let header_end = buffer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let header = String::from_utf8_lossy(&buffer[..header_end]).into_owned();
    let content_length = header.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
    });
    let length = match content_length {
        Some(Some(length)) if length <= MAX_CONTENT_LENGTH => length,
        Some(_) => {
            buffer.drain(..header_end + 4);
            return Some(Err("invalid Content-Length header".to_string()));
        }
        None => {
            buffer.drain(..header_end + 4);
            return Some(Err("missing Content-Length header".to_string()));
        }
    };
    let body_start = header_end + 4;
    if buffer.len() < body_start + length {
        return None;
    }
    let body: Vec<u8> = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Some(Ok(body))
}

/// Whether `value` has the shape tower-lsp decodes: a request or notification, or a response.
fn is_message(value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return false;
    }
    let id_ok = object
        .get("id")
        .is_none_or(|id| id.is_null() || id.is_string() || id.is_i64() || id.is_u64());
    if !id_ok {
        return false;
    }
    if object.contains_key("method") {
        let params_ok = object
            .get("params")
            .is_none_or(|p| p.is_object() || p.is_array() || p.is_null());
        return object.get("method").is_some_and(Value::is_string) && params_ok;
    }
    if !object.contains_key("id") {
        return false;
    }
    match object.get("error") {
        Some(error) => {
            error.get("code").is_some_and(Value::is_i64)
                && error.get("message").is_some_and(Value::is_string)
        }
        None => object.contains_key("result"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn malformed_frames_are_dropped_and_valid_ones_kept() {
        let valid = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let mut buffer = Vec::new();
        buffer.extend(framed("{not json"));
        buffer.extend(b"Bogus: header\r\n\r\n");
        buffer.extend(b"Content-Length: abc\r\n\r\n");
        buffer.extend(framed(r#"{"hello":1}"#));
        buffer.extend(framed(valid));
        let mut results = Vec::new();
        while let Some(frame) = next_frame(&mut buffer) {
            results.push(frame);
        }
        assert_eq!(results.len(), 5);
        assert!(results[..4].iter().all(Result::is_err));
        let last = results[4].as_ref().expect("valid");
        assert_eq!(last.body, valid.as_bytes());
        assert!(!last.is_exit);
        assert!(buffer.is_empty());
    }

    #[test]
    fn null_params_are_dropped() {
        let mut buffer = framed(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":null}"#);
        let frame = next_frame(&mut buffer).unwrap().unwrap();
        let message: Value = serde_json::from_slice(&frame.body).unwrap();
        assert_eq!(
            message,
            serde_json::json!({"jsonrpc":"2.0","id":1,"method":"shutdown"})
        );
    }

    #[test]
    fn exit_is_recognised() {
        let is_exit = |body: &str| next_frame(&mut framed(body)).unwrap().unwrap().is_exit;
        assert!(is_exit(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        assert!(is_exit(
            r#"{"jsonrpc":"2.0","method":"exit","params":null}"#
        ));
        assert!(!is_exit(r#"{"jsonrpc":"2.0","method":"shutdown","id":1}"#));
        assert!(!is_exit(r#"{"jsonrpc":"2.0","result":"exit","id":1}"#));
    }

    #[test]
    fn partial_frames_wait_for_more_bytes() {
        let mut buffer = b"Content-Length: 40\r\n\r\n{\"jsonrpc\"".to_vec();
        assert!(next_frame(&mut buffer).is_none());
        let mut buffer = b"Content-Len".to_vec();
        assert!(next_frame(&mut buffer).is_none());
    }
}
