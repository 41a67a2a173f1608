/* Read a query on a SQLite source and render its rows in PostgreSQL's COPY text format.
 *
 * The native SQLite reader of jiandu.loaders.copy_loader (bound by jiandu/loaders/sqlite_native.py with
 * ctypes; built by `make bootstrap` into .tools/native/). It exists for speed: the Python readers create one
 * object per value, which on two cores cost more than the server's whole COPY. Here a value goes from
 * SQLite's record straight into the COPY buffer:
 *   NULL -> \N; numbers -> SQLite's own text (as CAST(x AS TEXT)); text -> backslash, tab, newline and
 *   carriage return escaped, checked to be UTF-8 without NUL; a BLOB is an error naming column and row.
 * Columns are separated by a tab, rows end with a newline, so each COPY line is one source row.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the escaper does with a byte: copy it, escape it, check a UTF-8 sequence, or refuse a NUL. */
enum { PLAIN, ESCAPE, MULTIBYTE, NUL };
static const unsigned char byte_class[256] = {
    [0] = NUL, ['\\'] = ESCAPE, ['\t'] = ESCAPE, ['\n'] = ESCAPE, ['\r'] = ESCAPE, [0x80 ... 0xff] = MULTIBYTE,
};
static const char escaped[256] = {['\\'] = '\\', ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r'};

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *stmt;
    char *buf;
    size_t cap;
    size_t len;
    long long rows;
    int done;
    char error[1024];
} jd_reader;

static void set_error(jd_reader *r, const char *what) {
    snprintf(r->error, sizeof r->error, "%s", what);
}

const char *jd_error(jd_reader *r) { return r->error; }
long long jd_rows(jd_reader *r) { return r->rows; }

void jd_close(jd_reader *r) {
    if (!r) return;
    if (r->stmt) sqlite3_finalize(r->stmt);
    if (r->db) sqlite3_close(r->db);
    free(r->buf);
    free(r);
}

/* Opens `path` read-only, without SQLite's mutexes (the reader stays in one thread), and prepares `sql`.
 * Returns NULL only when out of memory; otherwise check jd_error() for an empty string. */
jd_reader *jd_open(const char *path, const char *sql) {
    jd_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->cap = 1 << 20;
    r->buf = malloc(r->cap);
    if (!r->buf) { free(r); return NULL; }
    if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        snprintf(r->error, sizeof r->error, "cannot open %s: %s", path, sqlite3_errmsg(r->db));
        return r;
    }
    sqlite3_busy_timeout(r->db, 30000);
    if (sqlite3_prepare_v2(r->db, sql, -1, &r->stmt, NULL) != SQLITE_OK)
        snprintf(r->error, sizeof r->error, "%s", sqlite3_errmsg(r->db));
    return r;
}

static int bind_index(jd_reader *r, const char *name) {
    int i = sqlite3_bind_parameter_index(r->stmt, name);
    if (i == 0) snprintf(r->error, sizeof r->error, "no parameter %s in the query", name);
    return i;
}

static int bound(jd_reader *r, int rc) {
    if (rc != SQLITE_OK) snprintf(r->error, sizeof r->error, "%s", sqlite3_errmsg(r->db));
    return rc == SQLITE_OK;
}

int jd_bind_text(jd_reader *r, const char *name, const char *value) {
    int i = bind_index(r, name);
    return i && bound(r, sqlite3_bind_text(r->stmt, i, value, -1, SQLITE_TRANSIENT));
}

int jd_bind_int64(jd_reader *r, const char *name, long long value) {
    int i = bind_index(r, name);
    return i && bound(r, sqlite3_bind_int64(r->stmt, i, value));
}

static int grow(jd_reader *r, size_t more);

static inline int reserve(jd_reader *r, size_t more) {
    return r->len + more <= r->cap || grow(r, more);
}

static int grow(jd_reader *r, size_t more) {
    size_t cap = r->cap;
    while (r->len + more > cap) cap *= 2;
    char *grown = realloc(r->buf, cap);
    if (!grown) { set_error(r, "out of memory"); return 0; }
    r->buf = grown;
    r->cap = cap;
    return 1;
}

/* Length of the valid UTF-8 sequence starting at s (lead byte >= 0x80), 0 if invalid. */
static inline int utf8_length(const unsigned char *s, const unsigned char *end) {
    unsigned char c = s[0];
    int n;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3;
    else if (c >= 0xF0 && c <= 0xF4) n = 4;
    else return 0;
    if (s + n > end) return 0;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;               /* overlong */
    if (c == 0xED && s[1] >= 0xA0) return 0;              /* surrogate */
    if (c == 0xF0 && s[1] < 0x90) return 0;               /* overlong */
    if (c == 0xF4 && s[1] >= 0x90) return 0;              /* above U+10FFFF */
    return n;
}

/* Appends one text value, escaped; 0 with the error set when it holds a NUL or is not UTF-8. */
static int put_text(jd_reader *r, const unsigned char *s, int n, int column) {
    if (!reserve(r, (size_t)n * 2)) return 0;
    char *out = r->buf + r->len;
    const unsigned char *end = s + n;
    while (s < end) {
        const unsigned char *run = s;
        while (s < end && byte_class[*s] == PLAIN) s++;
        memcpy(out, run, s - run);
        out += s - run;
        if (s == end) break;
        switch (byte_class[*s]) {
        case ESCAPE:
            *out++ = '\\';
            *out++ = escaped[*s++];
            break;
        case MULTIBYTE: {
            int k = utf8_length(s, end);
            if (!k) {
                snprintf(r->error, sizeof r->error, "column %d of source row %lld is not valid UTF-8 text",
                         column, r->rows + 1);
                return 0;
            }
            memcpy(out, s, k);
            out += k;
            s += k;
            break;
        }
        default:
            snprintf(r->error, sizeof r->error, "column %d of source row %lld holds a NUL character",
                     column, r->rows + 1);
            return 0;
        }
    }
    r->len = out - r->buf;
    return 1;
}

/* Writes v in decimal (as SQLite's text of an INTEGER), a "-" first when v < 0 or `negative`; returns the length. */
static int put_integer(char *out, long long v, int negative) {
    char tmp[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u);
    int len = 0;
    if (v < 0 || negative) out[len++] = '-';
    while (n) out[len++] = tmp[--n];
    return len;
}

/* A REAL that is the nearest double to a decimal with at most two places (an amount), written as SQLite's
 * CAST(x AS TEXT) writes it ("%!.15g": 1234.5, 100.0, -0.05), without SQLite's general printf. Returns 0 for
 * any other value, which SQLite then renders. */
static int put_amount(jd_reader *r, double v) {
    double a = v < 0 ? -v : v;
    if (!(a >= 0.01 && a < 1e13)) return 0;
    long long cents = (long long)(a * 100.0 + 0.5);
    if ((double)cents / 100.0 != a) return 0;
    if (!reserve(r, 24)) return 0;
    char digits[24];
    int n = put_integer(digits, cents / 100, v < 0);
    int frac = (int)(cents % 100);
    digits[n++] = '.';
    if (frac == 0) digits[n++] = '0';
    else {
        digits[n++] = (char)('0' + frac / 10);
        if (frac % 10) digits[n++] = (char)('0' + frac % 10);
    }
    memcpy(r->buf + r->len, digits, n);
    r->len += n;
    return 1;
}

static int put_row(jd_reader *r) {
    int columns = sqlite3_column_count(r->stmt);
    for (int i = 0; i < columns; i++) {
        if (!reserve(r, 3)) return 0;
        if (i) r->buf[r->len++] = '\t';
        /* an "unprotected" value, which the sqlite3_value_* calls may read on a connection without mutexes */
        sqlite3_value *value = sqlite3_column_value(r->stmt, i);
        switch (sqlite3_value_type(value)) {
        case SQLITE_NULL:
            r->buf[r->len++] = '\\';
            r->buf[r->len++] = 'N';
            break;
        case SQLITE_BLOB:
            snprintf(r->error, sizeof r->error,
                     "column %d of source row %lld holds binary data (a BLOB) in a text column", i + 1, r->rows + 1);
            return 0;
        case SQLITE_INTEGER:
            if (!reserve(r, 24)) return 0;
            r->len += put_integer(r->buf + r->len, sqlite3_value_int64(value), 0);
            break;
        case SQLITE_FLOAT:
            if (put_amount(r, sqlite3_value_double(value))) break;
            /* fall through: SQLite renders it */
        default: {  /* text, or a number rendered by SQLite as CAST(x AS TEXT) would */
            const unsigned char *s = sqlite3_value_text(value);
            if (!s) { set_error(r, "out of memory"); return 0; }
            if (!put_text(r, s, sqlite3_value_bytes(value), i + 1)) return 0;
        }
        }
    }
    if (!reserve(r, 1)) return 0;
    r->buf[r->len++] = '\n';
    r->rows++;
    return 1;
}

/* Renders whole rows until about `chunk` bytes are buffered; *out points at them (valid until the next call).
 * Returns the byte count, 0 when every row was read, -1 on error (see jd_error; the row is 1-based). */
long long jd_next(jd_reader *r, long long chunk, const char **out) {
    r->len = 0;
    *out = r->buf;
    if (r->error[0]) return -1;
    while (!r->done && r->len < (size_t)chunk) {
        int rc = sqlite3_step(r->stmt);
        if (rc == SQLITE_DONE) { r->done = 1; break; }
        if (rc != SQLITE_ROW) {
            snprintf(r->error, sizeof r->error, "%s", sqlite3_errmsg(r->db));
            return -1;
        }
        if (!put_row(r)) return -1;
    }
    *out = r->buf;
    return (long long)r->len;
}
