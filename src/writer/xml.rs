//! A small layer over quick-xml: block elements on their own indented
//! lines, inline content exactly as it is, nothing else ever reordered.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

pub struct XmlOut {
    w: Writer<Vec<u8>>,
    depth: usize,
}

impl Default for XmlOut {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlOut {
    pub fn new() -> Self {
        let mut w = Writer::new(Vec::new());
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .expect("writing to memory");
        XmlOut { w, depth: 0 }
    }

    fn ev(&mut self, e: Event<'_>) {
        self.w
            .write_event(e)
            .expect("writing to memory cannot fail");
    }

    fn indent(&mut self) {
        // straight into the output: a new line and two spaces a level
        let out = self.w.get_mut();
        out.push(b'\n');
        for _ in 0..self.depth {
            out.extend_from_slice(b"  ");
        }
    }

    fn start_tag<'a>(name: &'a str, attrs: &[(&'a str, &'a str)]) -> BytesStart<'a> {
        let mut s = BytesStart::new(name);
        for (k, v) in attrs {
            s.push_attribute((*k, *v));
        }
        s
    }

    /// Opens a block element on a new line.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.ev(Event::Start(Self::start_tag(name, attrs)));
        self.depth += 1;
    }

    /// Closes a block element on a new line.
    pub fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.ev(Event::End(BytesEnd::new(name)));
    }

    /// Opens a block element whose content is inline (mixed content).
    pub fn open_inline_block(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.ev(Event::Start(Self::start_tag(name, attrs)));
    }

    /// Opens an element inside mixed content.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.ev(Event::Start(Self::start_tag(name, attrs)));
    }

    /// Closes an element inside mixed content.
    pub fn end(&mut self, name: &str) {
        self.ev(Event::End(BytesEnd::new(name)));
    }

    /// An empty element inside mixed content.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.ev(Event::Empty(Self::start_tag(name, attrs)));
    }

    /// An empty element on a line of its own.
    pub fn empty_block(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.empty(name, attrs);
    }

    /// A whole element with text content on a line of its own.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.indent();
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }

    pub fn text(&mut self, t: &str) {
        if !t.is_empty() {
            self.ev(Event::Text(BytesText::new(t)));
        }
    }

    /// Well-formed XML from elsewhere (an element without a prolog), as it
    /// is, on a new line: the caller answers for its well-formedness.
    pub fn raw_block(&mut self, xml: &str) {
        self.indent();
        self.w.get_mut().extend_from_slice(xml.as_bytes());
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.ev(Event::Text(BytesText::from_escaped("\n")));
        self.w.into_inner()
    }
}
