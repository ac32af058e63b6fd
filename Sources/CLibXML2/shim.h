#ifndef CHORUS_CLIBXML2_SHIM_H
#define CHORUS_CLIBXML2_SHIM_H

// Foundation on Linux carries its own ICU; hiding libxml2's ICU support keeps the two apart.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/relaxng.h>
#include <libxml/xmlsave.h>

static inline void chorus_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
