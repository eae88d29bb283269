package org.fogledger.ledger.contract.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression's text into tokens, each with its 1-based column. Mistakes carried over from other
 * languages ({@code &&}, {@code !}, {@code =}, double quotes) are refused with the spelling this language uses.
 */
final class ExpressionLexer {

    enum Kind { NUMBER, STRING, IDENTIFIER, SYMBOL, END }

    record Token(Kind kind, String text, int column) {
        boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENTIFIER) && text.equals(symbolOrWord);
        }

        String describe() {
            return kind == Kind.END ? "the end of the expression" : kind == Kind.STRING ? "the string '" + text + "'"
                    : "'" + text + "'";
        }
    }

    private ExpressionLexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (isDigit(c)) {
                int end = i;
                while (end < text.length() && isDigit(text.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(i, end), column));
                i = end;
            } else if (isIdentifierStart(c)) {
                int end = i;
                while (end < text.length() && isIdentifierPart(text.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(i, end), column));
                i = end;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                int end = i + 1;
                while (true) {
                    if (end >= text.length()) {
                        throw new InvalidExpression("string not closed with '", column);
                    }
                    char s = text.charAt(end);
                    if (s == '\\' && end + 1 < text.length()
                            && (text.charAt(end + 1) == '\'' || text.charAt(end + 1) == '\\')) {
                        value.append(text.charAt(end + 1));
                        end += 2;
                    } else if (s == '\'') {
                        break;
                    } else {
                        value.append(s);
                        end++;
                    }
                }
                tokens.add(new Token(Kind.STRING, value.toString(), column));
                i = end + 1;
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                switch (two) {
                    case "==", "!=", "<=", ">=" -> {
                        tokens.add(new Token(Kind.SYMBOL, two, column));
                        i += 2;
                        continue;
                    }
                    case "&&" -> throw new InvalidExpression("'&&' is not an operator; write 'and'", column);
                    case "||" -> throw new InvalidExpression("'||' is not an operator; write 'or'", column);
                    default -> {
                    }
                }
                switch (c) {
                    case '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.' -> {
                        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), column));
                        i++;
                    }
                    case '=' -> throw new InvalidExpression("'=' is not an operator; compare with '=='", column);
                    case '!' -> throw new InvalidExpression("'!' is not an operator; write 'not'", column);
                    case '"' -> throw new InvalidExpression("strings are written in single quotes", column);
                    default -> throw new InvalidExpression("unexpected character '" + c + "'", column);
                }
            }
        }
        tokens.add(new Token(Kind.END, "", text.length() + 1));
        return tokens;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
