/* snippet_read.h - reading a code snippet back, shared by the snippet
 * tests: where a keyword is in code (not in a comment), and the text's line
 * rules. Header-only; include after cmocka.h. */
#ifndef TCVIZ_TEST_SNIPPET_READ_H
#define TCVIZ_TEST_SNIPPET_READ_H

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Where the keyword `key` ("padding=") occurs as a whole word outside
 * comments, so that "padding=" does not find "output_padding=", or NULL. */
static inline const char *find_key(const char *text, const char *key)
{
    for (const char *p = strstr(text, key); p; p = strstr(p + 1, key)) {
        const char *line = p;
        while (line > text && line[-1] != '\n')
            line--;
        while (*line == ' ')
            line++;
        if (*line == '#') /* comments explain, code counts */
            continue;
        if (p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            return p;
    }
    return NULL;
}

/* Every line ends with '\n' and fits 100 columns. */
static inline void check_lines(const char *text)
{
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        if (n > 100)
            fail_msg("a line of %zu characters in:\n%s", n, text);
        assert_int_equal(p[n], '\n');
        p += n + 1;
    }
}

#endif
