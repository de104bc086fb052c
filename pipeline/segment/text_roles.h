/*
 * text_roles.h - block roles told from the text once it is read: jump
 * lines, bylines and photo credits.  Layout decides roles from geometry;
 * some roles only show in the words ("By JANE DOE", "本报记者 梅刚",
 * "Continued on Page 4", "王磊 摄").
 */
#ifndef BS_TEXT_ROLES_H
#define BS_TEXT_ROLES_H

#include "../model/page.h"

/* True when one line of text reads as a byline: "By Jane Doe", "BY JANE
 * DOE", "本报记者 梅刚", "通讯员 朱小萌", a short credit line. */
int bs_text_is_byline(const char *line);
/* True when the line is a photo credit: a short line ending in 摄. */
int bs_text_is_photo_credit(const char *line);

/* Refines the roles of the page's text blocks by their text: a block (or
 * its first or last line, split off into a block of its own) that is a jump
 * line becomes a continuation; a short block that reads as a byline becomes
 * a byline (a photo credit under a photo a caption); a one-line body
 * block of a few Latin words centred in its block becomes a headline (the
 * country heads of early papers), and so does a body block of up to three
 * lines whose OCR'd lines are headline_ratio times the body's (0: off);
 * a short one-line body block just over a headline becomes its kicker.
 * Returns the number of
 * blocks changed or added.  Block pointers are invalid afterwards. */
int bs_text_refine_roles(struct bs_page *page, double headline_ratio);

#endif
