package org.fogledger.ledger.contract.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The functions an expression may call. Each is total on its parameter types and costs one step. */
public enum BuiltinFunction {
    /**
     * The ledger account of a key: its key id in lowercase hex, the form the tokens contract uses, so a program
     * can pay a key it holds in its config.
     */
    ACCOUNT("account", List.of(ValueType.KEY), ValueType.STRING) {
        @Override
        Value apply(List<Value> arguments) {
            return new Value.StringValue(((Value.KeyValue) arguments.get(0)).value().keyId().hex());
        }
    };

    private final String functionName;
    private final List<ValueType> parameters;
    private final ValueType result;

    BuiltinFunction(String functionName, List<ValueType> parameters, ValueType result) {
        this.functionName = functionName;
        this.parameters = parameters;
        this.result = result;
    }

    public String functionName() {
        return functionName;
    }

    public List<ValueType> parameters() {
        return parameters;
    }

    public ValueType result() {
        return result;
    }

    abstract Value apply(List<Value> arguments);

    public static Optional<BuiltinFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(BuiltinFunction::functionName).toList();
    }

    public String signature() {
        return functionName + "(" + String.join(", ", parameters.stream().map(ValueType::typeName).toList())
                + "): " + result;
    }
}
