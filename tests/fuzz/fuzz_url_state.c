/* fuzz_url_state.c - the web page's link fragment: any bytes either parse
 * into a state whose layer flags the CLI accepts, or fail with a message;
 * a parsed state formats without overflowing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/url_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    UrlState u;
    Err err = {0};
    if (url_state_parse(text, &u, &err) == 0) {
        CliLayerArgs a;
        memset(&a, 0, sizeof a);
        if (u.n_flags)
            cli_parse_layer_args(u.n_flags + 1, u.argv, 1, NULL, &a, &err);
        char buf[256];
        url_state_format(buf, sizeof buf, u.lesson, u.step ? u.step : 1, &a.spec, NULL, NULL);
        url_state_free(&u);
    } else if (err.msg[0] == '\0') {
        abort(); /* every refusal says why */
    }
    free(text);
    return 0;
}
