package dev.portier.web.api;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Query parameters of enum types by their constant names; an empty value means "no filter", an
 * unknown one is refused with the list of known ones (instead of Java's class-naming message).
 */
final class EnumParameters implements ParamConverterProvider {

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!rawType.isEnum()) {
            return null;
        }
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                return Arrays.stream(rawType.getEnumConstants())
                        .filter(c -> ((Enum<?>) c).name().equals(value.strip()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("use one of " + Arrays.stream(rawType.getEnumConstants())
                                .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "))));
            }

            @Override
            public String toString(T value) {
                return ((Enum<?>) value).name();
            }
        };
    }
}
