package io.lvsfeedback.samples.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code HOST:PORT} as a picocli value (picocli names the option or parameter when it is not one):
 * the demo driver's and the benchmarks' one address syntax.
 */
public final class HostPort implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String text) {
        return parse(text);
    }

    /** {@code HOST:PORT}, unresolved names allowed; a {@link TypeConversionException} otherwise. */
    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new TypeConversionException("expected HOST:PORT, got '" + text + "'");
        }
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected HOST:PORT with a port within 0..65535, got '" + text + "'");
        }
    }
}
