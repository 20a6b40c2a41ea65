/* cli_args_internal.h - the flag table that cli_args.c (parsing) and
 * cli_tensors.c (which tensors an op needs, loading them) share, and the
 * value parsers of cli_args_numbers.c. Not part of the public API: include
 * only from src/cli/cli_args*.c and cli_tensors.c. */
#ifndef TCVIZ_CLI_ARGS_INTERNAL_H
#define TCVIZ_CLI_ARGS_INTERNAL_H

#include "cli/cli_args.h"

typedef enum { FAM_ANY, FAM_TF, FAM_TORCH } Family;

typedef enum {
    F_CONVENTION,
    F_INPUT,
    F_FILTER,
    F_D_OUT,
    F_BIAS,
    F_INPUT_SHAPE,
    F_FILTER_SHAPE,
    F_D_OUT_SHAPE,
    F_OUT,
    F_STRIDE,
    F_DILATION,
    F_PADDING,
    F_OUTPUT_PADDING,
    F_GROUPS,
    F_OUTPUT_SHAPE,
    F_INPUT_SIZES,
    F_FILTER_SIZES,
    F_INPUT_IMAGE,
    F_SCALE,
    F_RESIZE
} FlagId;

typedef struct {
    const char *name;
    const char *alias; /* another spelling of the same flag, or NULL */
    Family family;
    FlagId id;
    unsigned needs;    /* CLI_ARGS_* option the flag depends on, or 0 */
    const char *form;  /* the value, as messages and help spell it */
    const char *other; /* the other convention's spelling, or NULL */
} FlagDef;

/* Every layer flag, both conventions; cli_flag_def_count entries. */
extern const FlagDef cli_flag_defs[];
extern const int cli_flag_def_count;

/* The OP names, as messages list them. */
extern const char *const cli_op_list;

/* ---- flag values (cli_args_numbers.c); messages name `flag` and `form` ---- */

/* A decimal integer starts at p (a digit, or '-' and a digit). */
int cli_is_int_start(const char *p);
/* Parse `text` as min_n..max_n comma-separated decimal integers in [lo, hi]
 * into out[0..*n-1]. */
int cli_parse_ints(const char *flag, const char *text, const char *form, int min_n, int max_n,
                   int lo, int hi, int *out, int *n, Err *err);
/* "S" or "SH,SW" into a [h, w] pair. */
int cli_parse_pair(const char *flag, const char *text, const char *form, int lo, int hi,
                   int out[2], Err *err);
/* Exactly four integers. */
int cli_parse_four(const char *flag, const char *text, const char *form, int lo, int hi,
                   int out[4], Err *err);
/* --padding in p's convention: SAME, VALID or T,B,L,R (tf); P or PH,PW (torch). */
int cli_parse_padding(const char *flag, const char *v, ConvParams *p, Err *err);

#endif
