/*
 * check_pty_term: the pty tests' terminal emulator (no suite of its own).
 *
 * Enough of xterm for what libedit and a shell send: printable UTF-8, the
 * C0 controls that move the cursor, and the CSI sequences of xterm's
 * terminfo entry that move, erase, insert and delete.  Everything else
 * (SGR, modes, keypad, charsets, OSC titles) is parsed and dropped, so it
 * never shows up as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_pty_term.h"

enum {
	STATE_GROUND,
	STATE_ESC,		/* after ESC */
	STATE_ESC_INTER,	/* ESC and intermediates: ESC ( B */
	STATE_CSI,
	STATE_STRING,		/* OSC, DCS: up to BEL or ST */
	STATE_STRING_ESC	/* ESC inside a string: ST is ESC \ */
};

void
term_init(struct term *t)
{
	memset(t, 0, sizeof *t);
}

static void
clear_cells(struct term *t, int row, int from, int to)
{
	int	c;

	for (c = from; c < to && c < TERM_COLS; c++)
		t->cell[row][c] = 0;
}

static void
clear_rows(struct term *t, int from, int to)
{
	int	r;

	for (r = from; r < to && r < TERM_ROWS; r++)
		clear_cells(t, r, 0, TERM_COLS);
}

static void
scroll_up(struct term *t)
{
	memmove(t->cell[0], t->cell[1], sizeof t->cell[0] * (TERM_ROWS - 1));
	clear_rows(t, TERM_ROWS - 1, TERM_ROWS);
	t->scrolled++;
}

static void
line_feed(struct term *t)
{
	if (t->row == TERM_ROWS - 1)
		scroll_up(t);
	else
		t->row++;
}

static void
reverse_index(struct term *t)
{
	if (t->row > 0) {
		t->row--;
		return;
	}
	memmove(t->cell[1], t->cell[0], sizeof t->cell[0] * (TERM_ROWS - 1));
	clear_rows(t, 0, 1);
}

static void
put(struct term *t, uint32_t cp)
{
	if (t->wrap_pending) {
		t->wrap_pending = false;
		t->col = 0;
		line_feed(t);
	}
	t->cell[t->row][t->col] = cp;
	if (t->col == TERM_COLS - 1)
		t->wrap_pending = true;
	else
		t->col++;
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Numeric parameters of a CSI sequence; missing ones are 0. */
static int
parse_params(const char *s, int *out, int max)
{
	int	n = 0;

	out[0] = 0;
	for (; *s != '\0'; s++) {
		if (*s == ';') {
			if (n + 1 < max)
				out[++n] = 0;
		} else if (*s >= '0' && *s <= '9')
			out[n] = out[n] * 10 + (*s - '0');
	}
	return n + 1;
}

static void
delete_chars(struct term *t, int n)
{
	int	c;

	n = clamp(n, 1, TERM_COLS - t->col);
	for (c = t->col; c < TERM_COLS; c++)
		t->cell[t->row][c] = c + n < TERM_COLS ?
		    t->cell[t->row][c + n] : 0;
}

static void
insert_chars(struct term *t, int n)
{
	int	c;

	n = clamp(n, 1, TERM_COLS - t->col);
	for (c = TERM_COLS - 1; c >= t->col; c--)
		t->cell[t->row][c] = c - n >= t->col ?
		    t->cell[t->row][c - n] : 0;
}

static void
insert_lines(struct term *t, int n)
{
	int	r;

	n = clamp(n, 1, TERM_ROWS - t->row);
	for (r = TERM_ROWS - 1; r >= t->row + n; r--)
		memcpy(t->cell[r], t->cell[r - n], sizeof t->cell[r]);
	clear_rows(t, t->row, t->row + n);
}

static void
delete_lines(struct term *t, int n)
{
	int	r;

	n = clamp(n, 1, TERM_ROWS - t->row);
	for (r = t->row; r < TERM_ROWS; r++) {
		if (r + n < TERM_ROWS)
			memcpy(t->cell[r], t->cell[r + n], sizeof t->cell[r]);
		else
			clear_rows(t, r, r + 1);
	}
}

static void
csi(struct term *t, char final)
{
	int	p[8] = { 0 }, n1;

	t->params[t->n_params] = '\0';
	if (t->params[0] == '?' || t->params[0] == '>' || t->params[0] == '=')
		return;		/* private modes */
	parse_params(t->params, p, 8);
	n1 = p[0] > 0 ? p[0] : 1;
	if (strchr("ABCDGHfdPX@LMJK", final) != NULL)
		t->wrap_pending = false;
	switch (final) {
	case 'A':
		t->row = clamp(t->row - n1, 0, TERM_ROWS - 1);
		break;
	case 'B':
		t->row = clamp(t->row + n1, 0, TERM_ROWS - 1);
		break;
	case 'C':
		t->col = clamp(t->col + n1, 0, TERM_COLS - 1);
		break;
	case 'D':
		t->col = clamp(t->col - n1, 0, TERM_COLS - 1);
		break;
	case 'G':
	case '`':
		t->col = clamp(n1 - 1, 0, TERM_COLS - 1);
		break;
	case 'd':
		t->row = clamp(n1 - 1, 0, TERM_ROWS - 1);
		break;
	case 'H':
	case 'f':
		t->row = clamp((p[0] > 0 ? p[0] : 1) - 1, 0, TERM_ROWS - 1);
		t->col = clamp((p[1] > 0 ? p[1] : 1) - 1, 0, TERM_COLS - 1);
		break;
	case 'K':
		if (p[0] == 0)
			clear_cells(t, t->row, t->col, TERM_COLS);
		else if (p[0] == 1)
			clear_cells(t, t->row, 0, t->col + 1);
		else
			clear_cells(t, t->row, 0, TERM_COLS);
		break;
	case 'J':
		if (p[0] == 0) {
			clear_cells(t, t->row, t->col, TERM_COLS);
			clear_rows(t, t->row + 1, TERM_ROWS);
		} else if (p[0] == 1) {
			clear_rows(t, 0, t->row);
			clear_cells(t, t->row, 0, t->col + 1);
		} else
			clear_rows(t, 0, TERM_ROWS);
		break;
	case 'P':
		delete_chars(t, n1);
		break;
	case '@':
		insert_chars(t, n1);
		break;
	case 'X':
		clear_cells(t, t->row, t->col, t->col + n1);
		break;
	case 'L':
		insert_lines(t, n1);
		break;
	case 'M':
		delete_lines(t, n1);
		break;
	case 'S':
		while (n1-- > 0)
			scroll_up(t);
		break;
	default:
		break;		/* SGR and the rest: no effect on text */
	}
}

static void
control(struct term *t, unsigned char c)
{
	switch (c) {
	case '\r':
		t->col = 0;
		t->wrap_pending = false;
		break;
	case '\n':
	case '\v':
	case '\f':
		line_feed(t);
		break;
	case '\b':
		if (t->wrap_pending)
			t->wrap_pending = false;
		else if (t->col > 0)
			t->col--;
		break;
	case '\t':
		t->col = clamp((t->col / 8 + 1) * 8, 0, TERM_COLS - 1);
		break;
	case 033:
		t->state = STATE_ESC;
		break;
	default:
		break;		/* BEL and the other controls */
	}
}

static void
escape(struct term *t, unsigned char c)
{
	t->state = STATE_GROUND;
	switch (c) {
	case '[':
		t->state = STATE_CSI;
		t->n_params = 0;
		break;
	case ']':
	case 'P':
	case '_':
	case '^':
		t->state = STATE_STRING;
		break;
	case '7':
		t->saved_row = t->row;
		t->saved_col = t->col;
		break;
	case '8':
		t->row = t->saved_row;
		t->col = t->saved_col;
		t->wrap_pending = false;
		break;
	case 'D':
		line_feed(t);
		break;
	case 'E':
		t->col = 0;
		line_feed(t);
		break;
	case 'M':
		reverse_index(t);
		break;
	case 'c':
		term_init(t);
		break;
	default:
		if (c >= 0x20 && c <= 0x2f)
			t->state = STATE_ESC_INTER;
		break;		/* ESC = and ESC >: keypad modes */
	}
}

static void
feed_byte(struct term *t, unsigned char c)
{
	switch (t->state) {
	case STATE_ESC:
		escape(t, c);
		return;
	case STATE_ESC_INTER:
		if (c < 0x20 || c > 0x2f)
			t->state = STATE_GROUND;
		return;
	case STATE_CSI:
		if (c >= 0x40 && c <= 0x7e) {
			t->state = STATE_GROUND;
			csi(t, (char)c);
		} else if (c == 033)
			t->state = STATE_ESC;
		else if (c >= 0x20 && t->n_params < sizeof t->params - 1)
			t->params[t->n_params++] = (char)c;
		return;
	case STATE_STRING:
		if (c == 007)
			t->state = STATE_GROUND;
		else if (c == 033)
			t->state = STATE_STRING_ESC;
		return;
	case STATE_STRING_ESC:
		t->state = c == '\\' ? STATE_GROUND : STATE_STRING;
		return;
	default:
		break;
	}
	if (t->cp_left > 0) {
		if ((c & 0xc0) == 0x80) {
			t->cp = t->cp << 6 | (c & 0x3f);
			if (--t->cp_left == 0)
				put(t, t->cp);
			return;
		}
		t->cp_left = 0;
		put(t, 0xfffd);
	}
	if (c < 0x20)
		control(t, c);
	else if (c < 0x7f)
		put(t, c);
	else if ((c & 0xe0) == 0xc0) {
		t->cp = c & 0x1f;
		t->cp_left = 1;
	} else if ((c & 0xf0) == 0xe0) {
		t->cp = c & 0x0f;
		t->cp_left = 2;
	} else if ((c & 0xf8) == 0xf0) {
		t->cp = c & 0x07;
		t->cp_left = 3;
	} else if (c != 0x7f)
		put(t, 0xfffd);
}

void
term_feed(struct term *t, const char *buf, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		feed_byte(t, (unsigned char)buf[i]);
}

static size_t
encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

char *
term_row(const struct term *t, int row, char *buf, size_t size)
{
	size_t	len = 0, keep = 0;
	char	u[4];
	size_t	n;
	int	c;

	if (size == 0)
		return buf;
	for (c = 0; c < TERM_COLS && row >= 0 && row < TERM_ROWS; c++) {
		uint32_t	cp = t->cell[row][c];

		n = encode(cp == 0 ? ' ' : cp, u);
		if (len + n >= size)
			break;
		memcpy(buf + len, u, n);
		len += n;
		if (cp != 0 && cp != ' ')
			keep = len;
	}
	buf[keep] = '\0';
	return buf;
}

int
term_find_row(const struct term *t, const char *text, int from)
{
	char	buf[TERM_COLS * 4 + 1];
	int	r;

	for (r = from < 0 ? 0 : from; r < TERM_ROWS; r++)
		if (strcmp(term_row(t, r, buf, sizeof buf), text) == 0)
			return r;
	return -1;
}

int
term_count_rows(const struct term *t, const char *needle)
{
	char	buf[TERM_COLS * 4 + 1];
	int	r, n = 0;

	for (r = 0; r < TERM_ROWS; r++)
		if (strstr(term_row(t, r, buf, sizeof buf), needle) != NULL)
			n++;
	return n;
}

int
term_last_row(const struct term *t)
{
	char	buf[TERM_COLS * 4 + 1];
	int	r;

	for (r = TERM_ROWS - 1; r >= 0; r--)
		if (*term_row(t, r, buf, sizeof buf) != '\0')
			return r;
	return -1;
}

char *
term_dump(const struct term *t)
{
	char	 buf[TERM_COLS * 4 + 1];
	char	*out;
	size_t	 len = 0, cap = TERM_ROWS * (sizeof buf + 8) + 64;
	int	 r;

	if ((out = malloc(cap)) == NULL)
		abort();
	for (r = 0; r < TERM_ROWS; r++)
		len += (size_t)snprintf(out + len, cap - len, "%2d%c|%s\n", r,
		    r == t->row ? '>' : ' ', term_row(t, r, buf, sizeof buf));
	snprintf(out + len, cap - len, "cursor at row %d, column %d\n",
	    t->row, t->col);
	return out;
}
