// Gives execution_status.h a translation unit, so that AUTOMOC generates its Q_NAMESPACE meta-object.
#include "execution_status.h"
