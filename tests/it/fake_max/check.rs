//! Holds JSON values and HTTP requests against the reference's types ([`super::dts`]).
//! Requests are found in `ApiMethods` (method → path template → `req` with `query`,
//! `path` and `body`), so a path, parameter or field the reference does not know is a
//! violation, as is a missing required one or a value of the wrong kind.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::dts::{Decls, Field, Ty};

pub struct Checker {
    decls: Decls,
}

/// Resolved object: fields by name, and what other keys may hold.
struct Obj {
    fields: Vec<Field>,
    index: Option<Ty>,
}

const DEPTH: usize = 40;

impl Checker {
    pub fn new(decls: Decls) -> Self {
        Self { decls }
    }

    /// Problems of `value` as the exported type `name` (empty: it conforms).
    pub fn value(&self, value: &Value, name: &str) -> Vec<String> {
        let mut errs = Vec::new();
        let ty = Ty::Ref(name.to_owned(), vec![], usize::MAX);
        self.check(value, &ty, &HashMap::new(), "$", &mut errs, 0);
        errs
    }

    /// Problems of one request; `query` holds the URL's parameters as sent.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        query: &BTreeMap<String, String>,
        body: Option<&Value>,
    ) -> Vec<String> {
        let Some((template, req)) = self.method(method, path) else {
            return vec![format!("{method} /{path}: no such method in the reference")];
        };
        let at = format!("{method} /{template}");
        let env = HashMap::new();
        let Some(req) = self.object(&req, &env, 0) else {
            return vec![format!("{at}: unreadable request type")];
        };
        let part = |name: &str| {
            req.fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.ty.clone())
        };
        let mut errs = Vec::new();
        match part("query").and_then(|q| self.object(&q, &env, 0)) {
            Some(q) => self.query(&q, query, &at, &mut errs),
            None if !query.is_empty() => errs.push(format!("{at}: takes no query, got {query:?}")),
            None => {}
        }
        match (part("body"), body) {
            (Some(t), Some(b)) => self.check(b, &t, &env, &format!("{at} body"), &mut errs, 0),
            (Some(t), None) => {
                if self
                    .object(&t, &env, 0)
                    .is_some_and(|o| o.fields.iter().any(|f| !f.optional))
                {
                    errs.push(format!("{at}: body missing"));
                }
            }
            (None, Some(b)) => errs.push(format!("{at}: takes no body, got {b}")),
            (None, None) => {}
        }
        errs
    }

    /// The `req` type of the method whose path template matches `path`.
    fn method(&self, method: &str, path: &str) -> Option<(String, Ty)> {
        let api = self.decls.exported("ApiMethods")?;
        let Ty::Object(verbs, _) = &api.body else {
            return None;
        };
        let verb = verbs.iter().find(|f| f.name == method)?;
        let Ty::Object(paths, _) = &verb.ty else {
            return None;
        };
        let entry = paths.iter().find(|p| matches_template(&p.name, path))?;
        let Ty::Object(parts, _) = &entry.ty else {
            return None;
        };
        let req = parts.iter().find(|f| f.name == "req")?;
        Some((entry.name.clone(), req.ty.clone()))
    }

    fn query(&self, q: &Obj, got: &BTreeMap<String, String>, at: &str, errs: &mut Vec<String>) {
        for f in &q.fields {
            if !f.optional && !got.contains_key(&f.name) {
                errs.push(format!("{at}: query parameter {} missing", f.name));
            }
        }
        for (k, raw) in got {
            let Some(f) = q.fields.iter().find(|f| &f.name == k) else {
                errs.push(format!("{at}: unknown query parameter {k}"));
                continue;
            };
            // A URL carries text: read it as the type wants, then check.
            let v = if self.accepts(&f.ty, &Value::from(0)) {
                raw.parse::<f64>().ok().map(Value::from)
            } else if self.accepts(&f.ty, &Value::Bool(true)) {
                raw.parse::<bool>().ok().map(Value::Bool)
            } else {
                None
            };
            let v = v.unwrap_or_else(|| Value::String(raw.clone()));
            self.check(&v, &f.ty, &HashMap::new(), &format!("{at} ?{k}"), errs, 0);
        }
    }

    fn accepts(&self, ty: &Ty, v: &Value) -> bool {
        let mut errs = Vec::new();
        self.check(v, ty, &HashMap::new(), "", &mut errs, 0);
        errs.is_empty()
    }

    fn check(
        &self,
        v: &Value,
        ty: &Ty,
        env: &HashMap<String, Ty>,
        at: &str,
        errs: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > DEPTH {
            errs.push(format!("{at}: type nesting too deep"));
            return;
        }
        let bad =
            |errs: &mut Vec<String>, want: &str| errs.push(format!("{at}: want {want}, got {v}"));
        match ty {
            Ty::Any => {}
            Ty::Str if !v.is_string() => bad(errs, "string"),
            Ty::Num if !v.is_number() => bad(errs, "number"),
            Ty::Bool if !v.is_boolean() => bad(errs, "boolean"),
            Ty::Null if !v.is_null() => bad(errs, "null"),
            Ty::Undefined | Ty::Never => bad(errs, "nothing"),
            Ty::StrLit(s) if v.as_str() != Some(s) => bad(errs, &format!("\"{s}\"")),
            Ty::NumLit(n) if v.as_f64() != Some(*n) => bad(errs, &n.to_string()),
            Ty::BoolLit(b) if v.as_bool() != Some(*b) => bad(errs, &b.to_string()),
            Ty::Str
            | Ty::Num
            | Ty::Bool
            | Ty::Null
            | Ty::StrLit(_)
            | Ty::NumLit(_)
            | Ty::BoolLit(_) => {}
            Ty::Array(item) => match v.as_array() {
                Some(items) => {
                    for (i, x) in items.iter().enumerate() {
                        self.check(x, item, env, &format!("{at}[{i}]"), errs, depth + 1);
                    }
                }
                None => bad(errs, "array"),
            },
            Ty::Union(options) => self.union(v, options, env, at, errs, depth),
            Ty::Ref(name, _, _) if env.contains_key(name) => {
                let t = env[name].clone();
                self.check(v, &t, &HashMap::new(), at, errs, depth + 1)
            }
            Ty::Inter(parts) if parts.iter().any(|p| !self.is_objectish(p, env)) => {
                // `string & {}` and the like: the non-object parts decide.
                for p in parts.iter().filter(|p| !self.is_objectish(p, env)) {
                    self.check(v, p, env, at, errs, depth + 1);
                }
            }
            _ => match self.resolve(ty, env, depth) {
                Some(Ty::Object(..)) | Some(Ty::Inter(_)) | Some(Ty::Mapped(..)) | None => {
                    match self.object(ty, env, depth) {
                        Some(o) => self.object_value(v, &o, at, errs, depth),
                        None => errs.push(format!("{at}: the reference's type is unreadable here")),
                    }
                }
                Some(t) => self.check(v, &t, &HashMap::new(), at, errs, depth + 1),
            },
        }
    }

    fn object_value(&self, v: &Value, o: &Obj, at: &str, errs: &mut Vec<String>, depth: usize) {
        let Some(map) = v.as_object() else {
            errs.push(format!("{at}: want an object, got {v}"));
            return;
        };
        for f in &o.fields {
            match map.get(&f.name) {
                None if !f.optional => errs.push(format!("{at}: field {} missing", f.name)),
                None => {}
                Some(x) => self.check(
                    x,
                    &f.ty,
                    &HashMap::new(),
                    &format!("{at}.{}", f.name),
                    errs,
                    depth + 1,
                ),
            }
        }
        for (k, x) in map {
            if o.fields.iter().any(|f| &f.name == k) {
                continue;
            }
            match &o.index {
                Some(t) => self.check(x, t, &HashMap::new(), &format!("{at}.{k}"), errs, depth + 1),
                None => errs.push(format!("{at}: unknown field {k}")),
            }
        }
    }

    fn union(
        &self,
        v: &Value,
        options: &[Ty],
        env: &HashMap<String, Ty>,
        at: &str,
        errs: &mut Vec<String>,
        depth: usize,
    ) {
        let mut best: Option<Vec<String>> = None;
        for o in options {
            let mut e = Vec::new();
            self.check(v, o, env, at, &mut e, depth + 1);
            if e.is_empty() {
                return;
            }
            // Report against the member the value names by its `type`, if any.
            let tagged = v
                .get("type")
                .is_some_and(|t| self.tag_of(o, env, depth).as_ref() == Some(t));
            if tagged || best.as_ref().is_none_or(|b| e.len() < b.len()) {
                let keep = tagged;
                best = Some(e);
                if keep {
                    break;
                }
            }
        }
        errs.extend(best.unwrap_or_else(|| vec![format!("{at}: matches no option, got {v}")]));
    }

    fn tag_of(&self, ty: &Ty, env: &HashMap<String, Ty>, depth: usize) -> Option<Value> {
        let o = self.object(ty, env, depth)?;
        match &o.fields.iter().find(|f| f.name == "type")?.ty {
            Ty::StrLit(s) => Some(Value::String(s.clone())),
            _ => None,
        }
    }

    fn is_objectish(&self, ty: &Ty, env: &HashMap<String, Ty>) -> bool {
        matches!(
            self.resolve(ty, env, 0),
            Some(Ty::Object(..) | Ty::Inter(_) | Ty::Mapped(..))
        )
    }

    /// Follows names (with their arguments) and indexed access down to a structural type.
    fn resolve(&self, ty: &Ty, env: &HashMap<String, Ty>, depth: usize) -> Option<Ty> {
        if depth > DEPTH {
            return None;
        }
        match ty {
            Ty::Ref(name, args, file) => {
                if let Some(t) = env.get(name) {
                    return self.resolve(&t.clone(), &HashMap::new(), depth + 1);
                }
                let args: Vec<Ty> = args.iter().map(|a| subst(a, env)).collect();
                if let Some(t) = self.builtin(name, &args, depth) {
                    return Some(t);
                }
                let def = if *file == usize::MAX {
                    self.decls.exported(name)
                } else {
                    self.decls.lookup(name, *file)
                }?;
                let inner: HashMap<String, Ty> = def.params.iter().cloned().zip(args).collect();
                self.resolve(&subst(&def.body, &inner), &HashMap::new(), depth + 1)
            }
            Ty::Index(base, key) => {
                let o = self.object(base, env, depth + 1)?;
                let Ty::StrLit(k) = subst(key, env) else {
                    return None;
                };
                let f = o.fields.iter().find(|f| f.name == k)?;
                self.resolve(&f.ty, &HashMap::new(), depth + 1)
            }
            Ty::Unreadable(_) => None,
            other => Some(subst(other, env)),
        }
    }

    /// `Partial`, `Record`, `Pick`, `Omit` and the reference's `NullableObject` (whose
    /// file is not part of the reference).
    fn builtin(&self, name: &str, args: &[Ty], depth: usize) -> Option<Ty> {
        let env = HashMap::new();
        let fields = |t: &Ty| self.object(t, &env, depth + 1).map(|o| o.fields);
        let keys = |t: &Ty| -> Vec<String> {
            match t {
                Ty::StrLit(s) => vec![s.clone()],
                Ty::Union(u) => u
                    .iter()
                    .filter_map(|x| match x {
                        Ty::StrLit(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => vec![],
            }
        };
        let map = |fs: Vec<Field>, f: &dyn Fn(Field) -> Option<Field>| {
            Ty::Object(fs.into_iter().filter_map(f).collect(), None)
        };
        Some(match (name, args) {
            ("Partial", [t]) => map(fields(t)?, &|f| {
                Some(Field {
                    optional: true,
                    ..f
                })
            }),
            ("NullableObject", [t]) => map(fields(t)?, &|f| {
                Some(Field {
                    ty: Ty::Union(vec![f.ty.clone(), Ty::Null]),
                    ..f
                })
            }),
            ("Record", [_, v]) => Ty::Object(vec![], Some(Box::new(v.clone()))),
            ("Pick", [t, k]) => {
                let k = keys(k);
                map(fields(t)?, &|f| k.contains(&f.name).then_some(f))
            }
            ("Omit", [t, k]) => {
                let k = keys(k);
                map(fields(t)?, &|f| (!k.contains(&f.name)).then_some(f))
            }
            ("AbortSignal", []) => Ty::Any,
            _ => return None,
        })
    }

    /// The fields of an object-like type (object literal, intersection, mapped identity).
    fn object(&self, ty: &Ty, env: &HashMap<String, Ty>, depth: usize) -> Option<Obj> {
        match self.resolve(ty, env, depth)? {
            Ty::Object(fields, index) => Some(Obj {
                fields,
                index: index.map(|b| *b),
            }),
            Ty::Inter(parts) => {
                let mut all = Obj {
                    fields: vec![],
                    index: None,
                };
                for p in &parts {
                    let o = self.object(p, &HashMap::new(), depth + 1)?;
                    for f in o.fields {
                        all.fields.retain(|g| g.name != f.name);
                        all.fields.push(f);
                    }
                    all.index = all.index.or(o.index);
                }
                Some(all)
            }
            // `{ [k in keyof P]: P[k] }` is P itself.
            Ty::Mapped(k, keys, value) => match (*keys, *value) {
                (Ty::KeyOf(p), Ty::Index(p2, key))
                    if p == p2 && matches!(&*key, Ty::Ref(n, a, _) if *n == k && a.is_empty()) =>
                {
                    self.object(&p, &HashMap::new(), depth + 1)
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// Replaces generic parameters by their arguments.
fn subst(ty: &Ty, env: &HashMap<String, Ty>) -> Ty {
    if env.is_empty() {
        return ty.clone();
    }
    let s = |t: &Ty| subst(t, env);
    let b = |t: &Ty| Box::new(subst(t, env));
    match ty {
        Ty::Ref(n, a, _) if a.is_empty() && env.contains_key(n) => env[n].clone(),
        Ty::Ref(n, a, f) => Ty::Ref(n.clone(), a.iter().map(s).collect(), *f),
        Ty::Array(t) => Ty::Array(b(t)),
        Ty::Object(fs, i) => Ty::Object(
            fs.iter()
                .map(|f| Field {
                    ty: s(&f.ty),
                    ..f.clone()
                })
                .collect(),
            i.as_deref().map(b),
        ),
        Ty::Union(u) => Ty::Union(u.iter().map(s).collect()),
        Ty::Inter(u) => Ty::Inter(u.iter().map(s).collect()),
        Ty::Index(t, k) => Ty::Index(b(t), b(k)),
        Ty::KeyOf(t) => Ty::KeyOf(b(t)),
        Ty::Mapped(k, keys, v) => {
            let mut inner = env.clone();
            inner.remove(k);
            Ty::Mapped(
                k.clone(),
                Box::new(subst(keys, env)),
                Box::new(subst(v, &inner)),
            )
        }
        other => other.clone(),
    }
}

/// `chats/{chat_id}` matches `chats/42`.
fn matches_template(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(a, b)| (a.starts_with('{') && a.ends_with('}') && !b.is_empty()) || a == b)
}
