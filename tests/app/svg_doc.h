/* svg_doc.h - an SVG file read back with libxml2, for the SVG tests: its
 * size, viewBox, every <text> (content as the XML parser decodes it, x, y,
 * anchor, letter-spacing) and a count of each other element. */
#ifndef TCVIZ_TEST_SVG_DOC_H
#define TCVIZ_TEST_SVG_DOC_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char text[256];
    double x, y, size, spacing;
    char anchor[16]; /* "" (start), "middle", "end" */
    char fill[16];
} SvgText;

typedef struct {
    int width, height;
    char view_box[64];
    SvgText *texts;
    int n_texts;
    int n_rect, n_line, n_clip_path, n_group;
    int full_rect; /* a <rect> covering the whole width x height at 0,0 */
} SvgDoc;

static __attribute__((unused)) double svg_attr_num(xmlNode *n, const char *name, double dflt)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    double d = v ? strtod((const char *)v, NULL) : dflt;
    xmlFree(v);
    return d;
}

static void svg_attr_str(xmlNode *n, const char *name, char *out, size_t cap)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    snprintf(out, cap, "%s", v ? (const char *)v : "");
    xmlFree(v);
}

static void svg_walk(xmlNode *n, SvgDoc *d)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (strcmp(name, "text") == 0) {
            d->texts = realloc(d->texts, (size_t)(d->n_texts + 1) * sizeof *d->texts);
            assert_non_null(d->texts);
            SvgText *t = &d->texts[d->n_texts++];
            memset(t, 0, sizeof *t);
            xmlChar *c = xmlNodeGetContent(n);
            snprintf(t->text, sizeof t->text, "%s", c ? (const char *)c : "");
            xmlFree(c);
            t->x = svg_attr_num(n, "x", 0);
            t->y = svg_attr_num(n, "y", 0);
            t->size = svg_attr_num(n, "font-size", 0);
            t->spacing = svg_attr_num(n, "letter-spacing", 0);
            svg_attr_str(n, "text-anchor", t->anchor, sizeof t->anchor);
            svg_attr_str(n, "fill", t->fill, sizeof t->fill);
        } else if (strcmp(name, "rect") == 0) {
            d->n_rect++;
            if (svg_attr_num(n, "x", 0) <= 0 && svg_attr_num(n, "y", 0) <= 0 &&
                svg_attr_num(n, "width", 0) >= d->width &&
                svg_attr_num(n, "height", 0) >= d->height && n->parent &&
                strcmp((const char *)n->parent->name, "clipPath") != 0)
                d->full_rect = 1;
        } else if (strcmp(name, "line") == 0) {
            d->n_line++;
        } else if (strcmp(name, "clipPath") == 0) {
            d->n_clip_path++;
        } else if (strcmp(name, "g") == 0) {
            d->n_group++;
        }
        svg_walk(n->children, d);
    }
}

/* Parse buf (fails the test when it is not well-formed XML with an <svg>
 * root). */
static void svg_doc_parse(const char *buf, size_t len, SvgDoc *d)
{
    memset(d, 0, sizeof *d);
    xmlDoc *doc = xmlReadMemory(buf, (int)len, "frame.svg", NULL, XML_PARSE_NONET);
    if (!doc)
        fail_msg("the SVG is not well-formed XML");
    xmlNode *root = xmlDocGetRootElement(doc);
    assert_non_null(root);
    assert_string_equal((const char *)root->name, "svg");
    d->width = (int)svg_attr_num(root, "width", 0);
    d->height = (int)svg_attr_num(root, "height", 0);
    svg_attr_str(root, "viewBox", d->view_box, sizeof d->view_box);
    svg_walk(root->children, d);
    xmlFreeDoc(doc);
}

static __attribute__((unused)) void svg_doc_load(const char *path, SvgDoc *d)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    svg_doc_parse(buf, (size_t)n, d);
    free(buf);
}

static void svg_doc_free(SvgDoc *d)
{
    free(d->texts);
    memset(d, 0, sizeof *d);
}

#endif
