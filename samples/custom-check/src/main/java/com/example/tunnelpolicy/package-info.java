@NullMarked
package com.example.tunnelpolicy;

import org.jspecify.annotations.NullMarked;
