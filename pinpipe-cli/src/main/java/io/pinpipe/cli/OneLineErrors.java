package io.pinpipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and an exit code: 2 for bad arguments (with a pointer to {@code --help}),
 * 1 for anything that went wrong while running. The stack trace is printed only with {@code PINPIPE_DEBUG=1}.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("pinpipe: " + e.getMessage());
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return BAD_ARGUMENTS;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        if (e instanceof IllegalArgumentException) {
            command.getErr().println("pinpipe: " + e.getMessage());
            debugTrace(e, command);
            return BAD_ARGUMENTS;
        }
        command.getErr().println("pinpipe: " + describe(e));
        debugTrace(e, command);
        return FAILED;
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(e.getMessage() != null ? e.getMessage() : e.getClass().getName());
        Throwable cause = e.getCause();
        while (cause != null && cause != cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
            cause = cause.getCause();
        }
        return message.toString();
    }

    private static void debugTrace(Exception e, CommandLine command) {
        if ("1".equals(System.getenv("PINPIPE_DEBUG"))) {
            e.printStackTrace(command.getErr());
        }
    }
}
