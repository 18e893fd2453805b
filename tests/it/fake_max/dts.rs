//! A reader of the MAX reference's TypeScript declarations (`tests/maxapi/types`), enough of
//! TypeScript's type syntax to turn every `type` alias into a [`Ty`] the checker can hold a
//! request against: object literals, unions, intersections, arrays, literals, generics,
//! indexed access and the `[k in keyof P]: P[k]` mapped form. Declarations it cannot read
//! (classes, functions, conditional types) are kept as `Unreadable`, which is a violation
//! only if a checked request reaches one.

use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Any,
    Str,
    Num,
    Bool,
    Null,
    Undefined,
    Never,
    StrLit(String),
    NumLit(f64),
    BoolLit(bool),
    Array(Box<Ty>),
    Object(Vec<Field>, Option<Box<Ty>>),
    Union(Vec<Ty>),
    Inter(Vec<Ty>),
    /// A named type with its arguments, and the file it was named in (names are per file).
    Ref(String, Vec<Ty>, usize),
    Index(Box<Ty>, Box<Ty>),
    KeyOf(Box<Ty>),
    /// `{ [k in keys]: value }`.
    Mapped(String, Box<Ty>, Box<Ty>),
    Unreadable(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub optional: bool,
    pub ty: Ty,
}

#[derive(Debug, Clone)]
pub struct Def {
    pub params: Vec<String>,
    pub body: Ty,
    pub exported: bool,
}

/// Every alias of every file, by file and name.
#[derive(Debug, Default)]
pub struct Decls {
    pub files: Vec<String>,
    pub defs: Vec<HashMap<String, Def>>,
}

impl Decls {
    /// Reads every `.d.ts` under `dir`.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let mut paths = Vec::new();
        collect(dir, &mut paths)?;
        paths.sort();
        let mut decls = Decls::default();
        for p in paths {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let idx = decls.files.len();
            decls.files.push(p.display().to_string());
            let defs = parse_file(&text, idx).map_err(|e| format!("{}: {e}", p.display()))?;
            decls.defs.push(defs);
        }
        Ok(decls)
    }

    /// The alias `name` as seen from `file`: its own first, then the exported one.
    pub fn lookup(&self, name: &str, file: usize) -> Option<&Def> {
        if let Some(d) = self.defs.get(file).and_then(|m| m.get(name)) {
            return Some(d);
        }
        self.defs
            .iter()
            .find_map(|m| m.get(name).filter(|d| d.exported))
    }

    /// An exported alias by name, from anywhere.
    pub fn exported(&self, name: &str) -> Option<&Def> {
        self.defs
            .iter()
            .find_map(|m| m.get(name).filter(|d| d.exported))
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries {
        let p = e.map_err(|e| e.to_string())?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.to_string_lossy().ends_with(".d.ts") {
            out.push(p);
        }
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Punct(&'static str),
}

const PUNCTS: [&str; 19] = [
    "...", "=>", "{", "}", "(", ")", "[", "]", "<", ">", ";", ":", ",", "|", "&", "?", "=", ".",
    "*",
];

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if src[i..].starts_with("/*") {
            i = src[i + 2..].find("*/").map_or(b.len(), |n| i + n + 4);
        } else if c == b'\'' || c == b'"' || c == b'`' {
            let end = src[i + 1..].find(c as char).ok_or("unterminated string")?;
            out.push(Tok::Str(src[i + 1..i + 1 + end].to_owned()));
            i += end + 2;
        } else if c.is_ascii_digit() {
            let n = src[i..]
                .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                .map_or(b.len() - i, |n| n);
            out.push(Tok::Num(src[i..i + n].parse().map_err(|_| "bad number")?));
            i += n;
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let n = src[i..]
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '$'))
                .map_or(b.len() - i, |n| n);
            out.push(Tok::Ident(src[i..i + n].to_owned()));
            i += n;
        } else if let Some(p) = PUNCTS.iter().find(|p| src[i..].starts_with(**p)) {
            out.push(Tok::Punct(p));
            i += p.len();
        } else {
            // Characters outside type syntax (`!`, `-`, `#`) only occur in code we skip.
            out.push(Tok::Punct("?"));
            i += src[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    file: usize,
}

fn parse_file(src: &str, file: usize) -> Result<HashMap<String, Def>, String> {
    let mut p = Parser {
        toks: lex(src)?,
        pos: 0,
        file,
    };
    let mut defs = HashMap::new();
    while p.pos < p.toks.len() {
        let start = p.pos;
        let exported = p.eat_ident("export");
        p.eat_ident("declare");
        if p.eat_ident("type") && matches!(p.peek(), Some(Tok::Ident(_))) {
            let name = p.ident()?;
            let params = p.type_params()?;
            p.expect("=")?;
            let from = p.pos;
            let body = match p.ty() {
                Ok(t) if p.at(";") => t,
                _ => {
                    p.pos = from;
                    Ty::Unreadable(format!("type {name}"))
                }
            };
            p.skip_statement();
            defs.insert(
                name,
                Def {
                    params,
                    body,
                    exported,
                },
            );
        } else if p.eat_ident("const") && p.eat_ident("enum") {
            // `declare const enum UserLocale {}`: values MAX sends as strings.
            let name = p.ident()?;
            p.skip_statement();
            defs.insert(
                name,
                Def {
                    params: vec![],
                    body: Ty::Str,
                    exported,
                },
            );
        } else {
            if p.pos == start {
                p.pos += 1;
            }
            p.skip_statement();
        }
    }
    Ok(defs)
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn at(&self, punct: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(p)) if *p == punct)
    }

    fn eat(&mut self, punct: &str) -> bool {
        let yes = self.at(punct);
        if yes {
            self.pos += 1;
        }
        yes
    }

    fn eat_ident(&mut self, word: &str) -> bool {
        let yes = matches!(self.peek(), Some(Tok::Ident(w)) if w == word);
        if yes {
            self.pos += 1;
        }
        yes
    }

    fn expect(&mut self, punct: &str) -> Result<(), String> {
        if self.eat(punct) {
            Ok(())
        } else {
            Err(format!("expected {punct} at {:?}", self.peek()))
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.peek().cloned() {
            Some(Tok::Ident(w)) => {
                self.pos += 1;
                Ok(w)
            }
            other => Err(format!("expected a name, found {other:?}")),
        }
    }

    /// Skips to just after the `;` that ends the statement, over nested brackets; a
    /// statement ending in `}` (class, enum) ends there.
    fn skip_statement(&mut self) {
        let mut depth = 0i32;
        while let Some(t) = self.toks.get(self.pos).cloned() {
            self.pos += 1;
            match t {
                Tok::Punct("{") | Tok::Punct("(") | Tok::Punct("[") => depth += 1,
                Tok::Punct(")") | Tok::Punct("]") => depth -= 1,
                Tok::Punct("}") => {
                    depth -= 1;
                    // A class or enum body ends its statement; a type literal goes on.
                    let goes_on = [";", "|", "&", "["].iter().any(|p| self.at(p));
                    if depth <= 0 && !goes_on {
                        return;
                    }
                }
                Tok::Punct(";") if depth <= 0 => return,
                _ => {}
            }
        }
    }

    /// `<A extends X, B = Y>` → names only.
    fn type_params(&mut self) -> Result<Vec<String>, String> {
        let mut names = Vec::new();
        if !self.eat("<") {
            return Ok(names);
        }
        loop {
            names.push(self.ident()?);
            if self.eat_ident("extends") {
                self.ty()?;
            }
            if self.eat("=") {
                self.ty()?;
            }
            if self.eat(">") {
                return Ok(names);
            }
            self.expect(",")?;
        }
    }

    fn ty(&mut self) -> Result<Ty, String> {
        self.eat("|");
        let mut parts = vec![self.inter()?];
        while self.eat("|") {
            parts.push(self.inter()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Ty::Union(parts)
        })
    }

    fn inter(&mut self) -> Result<Ty, String> {
        let mut parts = vec![self.postfix()?];
        while self.eat("&") {
            parts.push(self.postfix()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Ty::Inter(parts)
        })
    }

    fn postfix(&mut self) -> Result<Ty, String> {
        let mut t = self.primary()?;
        while self.at("[") {
            self.pos += 1;
            if self.eat("]") {
                t = Ty::Array(Box::new(t));
            } else {
                let key = self.ty()?;
                self.expect("]")?;
                t = Ty::Index(Box::new(t), Box::new(key));
            }
        }
        Ok(t)
    }

    fn primary(&mut self) -> Result<Ty, String> {
        match self.peek().cloned() {
            Some(Tok::Punct("{")) => self.object(),
            Some(Tok::Punct("(")) => {
                self.pos += 1;
                let t = self.ty()?;
                self.expect(")")?;
                if self.at("=>") {
                    return Err("function type".into());
                }
                Ok(t)
            }
            Some(Tok::Str(s)) => {
                self.pos += 1;
                Ok(Ty::StrLit(s))
            }
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(Ty::NumLit(n))
            }
            Some(Tok::Ident(w)) => {
                self.pos += 1;
                self.named(w)
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }

    fn named(&mut self, w: String) -> Result<Ty, String> {
        Ok(match w.as_str() {
            "string" => Ty::Str,
            "number" | "bigint" => Ty::Num,
            "boolean" => Ty::Bool,
            "null" => Ty::Null,
            "undefined" | "void" => Ty::Undefined,
            "never" => Ty::Never,
            "any" | "unknown" | "object" => Ty::Any,
            "true" => Ty::BoolLit(true),
            "false" => Ty::BoolLit(false),
            "keyof" => Ty::KeyOf(Box::new(self.postfix()?)),
            "typeof" | "import" => return Err(format!("{w} is not read")),
            _ => {
                let mut name = w;
                while self.eat(".") {
                    name = self.ident()?;
                }
                let mut args = Vec::new();
                if self.eat("<") {
                    loop {
                        args.push(self.ty()?);
                        if self.eat(">") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                if self.at_ident("extends") {
                    return Err("conditional type".into());
                }
                Ty::Ref(name, args, self.file)
            }
        })
    }

    fn at_ident(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(w)) if w == word)
    }

    fn object(&mut self) -> Result<Ty, String> {
        self.expect("{")?;
        let mut fields = Vec::new();
        let mut index = None;
        loop {
            if self.eat("}") {
                return Ok(Ty::Object(fields, index));
            }
            self.eat_ident("readonly");
            if self.eat("[") {
                let key = self.ident()?;
                if self.eat_ident("in") {
                    let keys = self.ty()?;
                    self.expect("]")?;
                    self.eat("?");
                    self.expect(":")?;
                    let value = self.ty()?;
                    self.member_end();
                    self.expect("}")?;
                    return Ok(Ty::Mapped(key, Box::new(keys), Box::new(value)));
                }
                self.expect(":")?;
                self.ty()?;
                self.expect("]")?;
                self.expect(":")?;
                index = Some(Box::new(self.ty()?));
            } else {
                let name = match self.peek().cloned() {
                    Some(Tok::Ident(w)) | Some(Tok::Str(w)) => w,
                    other => return Err(format!("bad member {other:?}")),
                };
                self.pos += 1;
                let optional = self.eat("?");
                if self.at("(") {
                    return Err("method signature".into());
                }
                self.expect(":")?;
                let ty = self.ty()?;
                fields.push(Field { name, optional, ty });
            }
            self.member_end();
        }
    }

    fn member_end(&mut self) {
        if !self.eat(";") {
            self.eat(",");
        }
    }
}
