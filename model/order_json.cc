#include "model/order_store.h"
