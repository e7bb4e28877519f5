// libxml2's HTML parser and its SAX parser for feeds, from Debian's libxml2-dev (Scripts/setup.sh installs it).
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with the ICU Foundation brings; Pipe needs
// none of libxml2's ICU declarations.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/entities.h>
