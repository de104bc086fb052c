/*
 * metrics.h - text error measures on Unicode code points: edit distance,
 * CER, WER, the bag-of-words error, the flexible character accuracy,
 * headline normalisation and the edit script behind a side-by-side diff.
 *
 * Everything here works on code points (bs_utf8_to_cps), never bytes: one
 * wrong Chinese character is one error.  None of these functions fail; they
 * allocate with the bs_malloc family (out of memory is fatal) and free all
 * they allocate before returning, except the results documented as owned by
 * the caller.
 */
#ifndef BS_METRICS_H
#define BS_METRICS_H

#include <stdint.h>

/* Above this many DP cells (n * m) the edit distance is no longer computed
 * in full but inside a diagonal band that fits the budget; the result is
 * then an upper bound (flagged, see bs_edit_distance). */
#define BS_ED_MAX_CELLS 2000000000LL

/* Levenshtein distance (insert, delete, substitute: cost 1 each) between
 * code point arrays a[0..n) and b[0..m).  O(n*m/64) time bit-parallel, or
 * O(n*m) at worst in a band around the diagonal that doubles until it
 * holds the distance (less when the texts are close); memory O(min(n, m))
 * plus, bit-parallel, one bit per pattern position and distinct character
 * (capped at 32 MB, else the band is used).  *exact (may be NULL) is set to 0
 * when the texts were too long for BS_ED_MAX_CELLS and the value is the
 * cost of the best alignment inside the largest band that fits (an upper
 * bound), else 1. */
long bs_edit_distance(const uint32_t *a, long n, const uint32_t *b, long m,
                      int *exact);

/* The same, but only exact up to `limit`: returns the distance when it is
 * <= limit and some value > limit otherwise (cheaper for "is it close?"). */
long bs_edit_distance_limit(const uint32_t *a, long n, const uint32_t *b,
                            long m, long limit);

/* Errors and reference length of one comparison. */
struct bs_err_count {
    long errors;   /* edit distance */
    long ref;      /* units in the reference (ground truth) */
    int exact;     /* 0 when the distance is a banded upper bound */
};

/* The error rate errors / ref; 0 when both are 0, and errors / 1 when only
 * the reference is empty (so an invented text counts against the output). */
double bs_err_rate(const struct bs_err_count *c);

/* Character errors: the edit distance on code points between `ref` (ground
 * truth) and `hyp` (output) in their bs_collapse_space forms. */
struct bs_err_count bs_cer(const char *ref, const char *hyp);

/* Word errors: the edit distance on words, where a word is a run of
 * non-space characters, except that every CJK character (bs_cp_is_cjk) is
 * a word of its own: for Chinese, characters are the unit. */
struct bs_err_count bs_wer(const char *ref, const char *hyp);

/* The order-free bag-of-words error: both texts are cut into words as by
 * bs_wer, and compared as multisets, ignoring order; errors = the larger of
 * (words of the truth not matched by a word of the output) and (words of
 * the output not matched by a word of the truth), ref = the truth's words.
 * A wrong word thus costs 1 (one missing, one extra), a lost word 1, an
 * invented word 1, and text read in another order nothing: it measures
 * recognition and lost or doubled text apart from reading order. */
struct bs_err_count bs_bow(const char *ref, const char *hyp);

/* Number of words of `text` in bs_wer's sense. */
long bs_word_count(const char *text);

/* The flexible character accuracy of Clausner, Pletschacher and
 * Antonacopoulos (2020): reading-order-independent character accuracy.
 * Both texts are cut into lines at '\n' (white space collapsed inside a
 * line, empty lines dropped); lines of the truth and of the output are
 * matched greedily, best match first, each match being the substring of
 * the longer line closest (fewest edits) to the shorter line, ranked by a
 * penalty of its edit rate, its offset in the longer line and the length
 * difference; the matched parts are removed and what is left of a line
 * stays in the pool as a new line.  A match is taken only while it has
 * fewer edits than the shorter line has characters.  Errors are the edits
 * of all matches plus every character left unmatched on either side; the
 * whole run is repeated for a small grid of penalty weights and the fewest
 * errors win.  Accuracy = 1 - errors / truth characters (1 when both are
 * empty; can be below 0 when the output is mostly invented).  c->ref gets
 * the truth's character count and c->errors the errors.  Returns -1 (and
 * leaves c zero) when the texts are too long for BS_ED_MAX_CELLS. */
int bs_fca(const char *ref, const char *hyp, struct bs_err_count *c);
double bs_fca_accuracy(const struct bs_err_count *c);

/* Normalised form of a headline for exact comparison: full-width ASCII and
 * the ideographic space folded to ASCII, Latin ligatures expanded, Latin
 * letters lower-cased, white space collapsed to one space and trimmed.
 * malloc'd. */
char *bs_normalize_headline(const char *s);

/* The compatibility folding of bs_normalize_headline without the case
 * folding and white space changes: full-width ASCII and the ideographic
 * space to ASCII, Latin ligatures expanded, long s to s.  For comparing
 * with truth that writes modern letter forms (eval --fold).  malloc'd. */
char *bs_fold_text(const char *s);

/* White space of any kind and length collapsed to one ASCII space and
 * trimmed at both ends, except that white space holding a line break
 * between two CJK characters (bs_cp_is_cjk) goes: Chinese text broken into
 * lines reads as one line, as its truth joins it; a space typed between
 * two characters stays one.  The form CER compares.  malloc'd. */
char *bs_collapse_space(const char *s);

/* One step of an edit script from a reference to a hypothesis. */
enum bs_edit_op {
    BS_OP_KEEP,    /* same unit on both sides */
    BS_OP_SUB,     /* reference unit replaced by a hypothesis unit */
    BS_OP_DEL,     /* reference unit missing from the hypothesis */
    BS_OP_INS,     /* hypothesis unit not in the reference */
};

/* An optimal edit script turning a[0..n) into b[0..m): *ops (malloc'd,
 * caller frees) gets *nops steps in order.  Uses n*m bytes; returns -1
 * (and no script) when n*m > max_cells. */
int bs_edit_script(const uint32_t *a, long n, const uint32_t *b, long m,
                   long long max_cells, unsigned char **ops, long *nops);

#endif
