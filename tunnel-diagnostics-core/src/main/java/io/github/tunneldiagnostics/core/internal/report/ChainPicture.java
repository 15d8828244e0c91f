package io.github.tunneldiagnostics.core.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a route's chain as an inline SVG picture: one box per link, top to bottom, each joined to the
 * link it leads from (the addresses hang off the service as branches), each box coloured and marked with
 * its state (✓ ok, ! warning, ✗ broken, – not checked) and labelled with the state's word too, so that it
 * reads in black and white. Needs no font, image or script from anywhere else.
 */
final class ChainPicture {
  private static final int ROW = 50;
  private static final int BOX_HEIGHT = 40;
  private static final int INDENT = 28;
  private static final int MARGIN = 4;
  private static final double CHAR_WIDTH = 7.4;

  private ChainPicture() {}

  static String svg(String title, List<ChainLink> chain) {
    List<Integer> levels = levels(chain);
    int width = 320;
    for (int i = 0; i < chain.size(); i++) {
      ChainLink link = chain.get(i);
      int text = (int) Math.ceil(Math.max(label(link).length() * (CHAR_WIDTH + 0.6), link.note().length() * (CHAR_WIDTH - 0.8)));
      width = Math.max(width, MARGIN + levels.get(i) * INDENT + 44 + text + 16);
    }
    int height = chain.size() * ROW - (ROW - BOX_HEIGHT) + 2 * MARGIN;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chain\" role=\"img\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" aria-label=\"").append(Xml.attribute(title)).append("\">\n");
    svg.append("<title>").append(Xml.text(title)).append("</title>\n");
    for (int i = 1; i < chain.size(); i++) {
      int parent = parentOf(i, levels);
      int px = x(levels.get(parent)) + 14;
      int py = y(parent) + BOX_HEIGHT;
      int cy = y(i) + BOX_HEIGHT / 2;
      svg.append("<path class=\"joint\" d=\"M").append(px).append(' ').append(py).append(" V").append(cy).append(" H").append(x(levels.get(i)))
          .append("\"/>\n");
    }
    for (int i = 0; i < chain.size(); i++) {
      ChainLink link = chain.get(i);
      String state = stateClass(link.status());
      int x = x(levels.get(i));
      int y = y(i);
      svg.append("<g class=\"link ").append(state).append("\">");
      svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" rx=\"6\" width=\"").append(width - x - MARGIN)
          .append("\" height=\"").append(BOX_HEIGHT).append("\"/>");
      svg.append("<circle cx=\"").append(x + 16).append("\" cy=\"").append(y + BOX_HEIGHT / 2).append("\" r=\"10\"/>");
      svg.append("<text class=\"glyph\" x=\"").append(x + 16).append("\" y=\"").append(y + BOX_HEIGHT / 2 + 5).append("\">")
          .append(glyph(link.status())).append("</text>");
      svg.append("<text class=\"label\" x=\"").append(x + 34).append("\" y=\"").append(y + (link.note().isEmpty() ? 25 : 17)).append("\">")
          .append(Xml.text(label(link))).append("</text>");
      if (!link.note().isEmpty()) {
        svg.append("<text class=\"note\" x=\"").append(x + 34).append("\" y=\"").append(y + 33).append("\">").append(Xml.text(link.note()))
            .append("</text>");
      }
      svg.append("</g>\n");
    }
    return svg.append("</svg>").toString();
  }

  /** The label with the state's word, e.g. {@code service http://127.0.0.1:8080 — broken}. */
  private static String label(ChainLink link) {
    return link.label() + " \u2014 " + word(link.status());
  }

  /**
   * The drawing level of each link: the links of depth 0 and 1 form the trunk, one level further per link
   * (hostname → rule → service); deeper links branch off the trunk link before them.
   */
  private static List<Integer> levels(List<ChainLink> chain) {
    List<Integer> levels = new ArrayList<>();
    int trunk = -1;
    for (ChainLink link : chain) {
      if (link.depth() < 2) {
        trunk++;
        levels.add(trunk);
      } else {
        levels.add(Math.max(0, trunk) + 1);
      }
    }
    return levels;
  }

  private static int parentOf(int index, List<Integer> levels) {
    for (int i = index - 1; i >= 0; i--) {
      if (levels.get(i) < levels.get(index)) {
        return i;
      }
    }
    return 0;
  }

  private static int x(int level) {
    return MARGIN + level * INDENT;
  }

  private static int y(int index) {
    return MARGIN + index * ROW;
  }

  static String stateClass(LinkStatus status) {
    return status == LinkStatus.NOT_CHECKED ? "unchecked" : status.name().toLowerCase(Locale.ROOT);
  }

  static String word(LinkStatus status) {
    return status == LinkStatus.NOT_CHECKED ? "not checked" : status.mark();
  }

  private static String glyph(LinkStatus status) {
    return switch (status) {
      case OK -> "\u2713";
      case WARNING -> "!";
      case BROKEN -> "\u2717";
      case NOT_CHECKED -> "\u2013";
    };
  }
}
