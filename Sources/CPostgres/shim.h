// libpq, PostgreSQL's own C client (Debian's libpq-dev; Scripts/setup.sh installs it).
#include <libpq-fe.h>
