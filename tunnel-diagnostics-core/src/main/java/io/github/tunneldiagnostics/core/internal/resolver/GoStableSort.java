package io.github.tunneldiagnostics.core.internal.resolver;

import java.util.Collections;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Go's {@code sort.Stable}: insertion sort over blocks of 20, then {@code symMerge}. Ported so that an
 * ordering that is not a strict weak order (RFC 6724's rules are not always transitive) comes out exactly
 * as in Go, where {@link List#sort} could throw or differ.
 */
final class GoStableSort {
  private static final int BLOCK = 20;

  private GoStableSort() {}

  static <T> void sort(List<T> data, BiPredicate<T, T> less) {
    Sorter<T> s = new Sorter<>(data, less);
    int n = data.size();
    int blockSize = BLOCK;
    int a = 0;
    int b = blockSize;
    while (b <= n) {
      s.insertionSort(a, b);
      a = b;
      b += blockSize;
    }
    s.insertionSort(a, n);
    while (blockSize < n) {
      a = 0;
      b = 2 * blockSize;
      while (b <= n) {
        s.symMerge(a, a + blockSize, b);
        a = b;
        b += 2 * blockSize;
      }
      int m = a + blockSize;
      if (m < n) {
        s.symMerge(a, m, n);
      }
      blockSize *= 2;
    }
  }

  private record Sorter<T>(List<T> data, BiPredicate<T, T> lessThan) {
    boolean less(int i, int j) {
      return lessThan.test(data.get(i), data.get(j));
    }

    void swap(int i, int j) {
      Collections.swap(data, i, j);
    }

    void insertionSort(int a, int b) {
      for (int i = a + 1; i < b; i++) {
        for (int j = i; j > a && less(j, j - 1); j--) {
          swap(j, j - 1);
        }
      }
    }

    void symMerge(int a, int m, int b) {
      if (m - a == 1) {
        int i = m;
        int j = b;
        while (i < j) {
          int h = (i + j) >>> 1;
          if (less(h, a)) {
            i = h + 1;
          } else {
            j = h;
          }
        }
        for (int k = a; k < i - 1; k++) {
          swap(k, k + 1);
        }
        return;
      }
      if (b - m == 1) {
        int i = a;
        int j = m;
        while (i < j) {
          int h = (i + j) >>> 1;
          if (!less(m, h)) {
            i = h + 1;
          } else {
            j = h;
          }
        }
        for (int k = m; k > i; k--) {
          swap(k, k - 1);
        }
        return;
      }
      int mid = (a + b) >>> 1;
      int n = mid + m;
      int start;
      int r;
      if (m > mid) {
        start = n - b;
        r = mid;
      } else {
        start = a;
        r = m;
      }
      int p = n - 1;
      while (start < r) {
        int c = (start + r) >>> 1;
        if (!less(p - c, c)) {
          start = c + 1;
        } else {
          r = c;
        }
      }
      int end = n - start;
      if (start < m && m < end) {
        rotate(start, m, end);
      }
      if (a < start && start < mid) {
        symMerge(a, start, mid);
      }
      if (mid < end && end < b) {
        symMerge(mid, end, b);
      }
    }

    void rotate(int a, int m, int b) {
      int i = m - a;
      int j = b - m;
      while (i != j) {
        if (i > j) {
          swapRange(m - i, m, j);
          i -= j;
        } else {
          swapRange(m - i, m + j - i, i);
          j -= i;
        }
      }
      swapRange(m - i, m, i);
    }

    void swapRange(int a, int b, int n) {
      for (int i = 0; i < n; i++) {
        swap(a + i, b + i);
      }
    }
  }
}
