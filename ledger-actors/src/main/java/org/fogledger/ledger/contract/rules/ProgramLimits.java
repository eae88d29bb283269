package org.fogledger.ledger.contract.rules;

/**
 * How large a rule program may be. They bound the work of checking it at deployment and of running one command,
 * and keep each expression shallow enough to evaluate by recursion.
 *
 * @param maxProgramBytes      the program document
 * @param maxStateFields       state fields
 * @param maxConfigFields      config entries
 * @param maxCommands          commands, {@code init} included
 * @param maxParams            parameters of one command
 * @param maxRulesPerCommand   rules of one command
 * @param maxActionsPerRule    actions of one rule
 * @param maxMessageFields     fields of one emitted event or sent payload
 * @param maxExpressionLength  characters of one expression
 * @param maxExpressionDepth   nesting of one expression tree
 * @param maxStringLength      a string value: a literal, an initial value, a parameter, a config entry
 */
public record ProgramLimits(int maxProgramBytes, int maxStateFields, int maxConfigFields, int maxCommands,
                            int maxParams, int maxRulesPerCommand, int maxActionsPerRule, int maxMessageFields,
                            int maxExpressionLength, int maxExpressionDepth, int maxStringLength) {

    public static final ProgramLimits DEFAULT = new ProgramLimits(32_768, 64, 32, 32, 16, 32, 16, 16, 512, 24,
            1_024);

    public ProgramLimits {
        if (maxProgramBytes <= 0 || maxStateFields <= 0 || maxConfigFields < 0 || maxCommands <= 0
                || maxParams < 0 || maxRulesPerCommand <= 0 || maxActionsPerRule <= 0 || maxMessageFields < 0
                || maxExpressionLength <= 0 || maxExpressionDepth <= 0 || maxStringLength <= 0) {
            throw new IllegalArgumentException("program limits must be positive: " + this);
        }
    }
}
