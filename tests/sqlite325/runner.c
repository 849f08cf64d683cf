/*
 * A minimal SQLite client, built against the SQLite 3.25.2 amalgamation (the engine Metabase's
 * SQLite driver bundles) so the tests can run the warehouse's views on the oldest engine the
 * contract promises. `make sqlite325` builds it into .cache/sqlite-3.25/.
 *
 * Usage: sqlite325 DB [SQL]     (without SQL, the statements are read from standard input)
 *        sqlite325 --version
 *
 * Opens DB read-only and runs each statement in turn. For a statement that returns columns it prints
 *   #columns<TAB>name<TAB>name...
 *   #decltypes<TAB>type<TAB>type...   (sqlite3_column_decltype: what a BI tool reads; empty if none)
 *   one line per row, values tab-separated, NULL as \N, with \t, \n, \r and \ escaped
 *   #rows<TAB>N
 * Any error is printed on standard error and the exit status is 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3.h"

static void put_escaped(const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        default: putchar(*s);
        }
    }
}

static char *read_all(FILE *f) {
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) buf = realloc(buf, cap *= 2);
    }
    if (buf) buf[len] = '\0';
    return buf;
}

static int fail(sqlite3 *db, const char *what) {
    fprintf(stderr, "sqlite %s: %s: %s\n", sqlite3_libversion(), what, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return 1;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("%s\n", sqlite3_libversion());
        return 0;
    }
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s DB [SQL]\n", argv[0]);
        return 2;
    }
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) return fail(db, "open");
    sqlite3_busy_timeout(db, 5000);
    char *sql = argc == 3 ? strdup(argv[2]) : read_all(stdin);
    if (!sql) return fail(NULL, "read SQL");
    const char *tail = sql;
    while (*tail) {
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_prepare_v2(db, tail, -1, &stmt, &tail) != SQLITE_OK) return fail(db, "prepare");
        if (!stmt) continue; /* whitespace or a comment */
        int ncol = sqlite3_column_count(stmt);
        if (ncol > 0) {
            fputs("#columns", stdout);
            for (int i = 0; i < ncol; i++) printf("\t%s", sqlite3_column_name(stmt, i));
            fputs("\n#decltypes", stdout);
            for (int i = 0; i < ncol; i++) {
                const char *t = sqlite3_column_decltype(stmt, i);
                printf("\t%s", t ? t : "");
            }
            putchar('\n');
        }
        long rows = 0;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            rows++;
            for (int i = 0; i < ncol; i++) {
                if (i) putchar('\t');
                const unsigned char *v = sqlite3_column_text(stmt, i);
                if (v) put_escaped((const char *)v);
                else fputs("\\N", stdout);
            }
            putchar('\n');
        }
        if (rc != SQLITE_DONE) {
            sqlite3_finalize(stmt);
            return fail(db, "step");
        }
        if (ncol > 0) printf("#rows\t%ld\n", rows);
        sqlite3_finalize(stmt);
    }
    free(sql);
    if (sqlite3_close(db) != SQLITE_OK) return fail(db, "close");
    return 0;
}
