package dev.imagebaker.azureimage.emulator;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Follows a key path ("properties.storageProfile.dataDisks[].lun") through an SDK model's fields. The generated
 * models name a field as its JSON key, except a flattened "properties", held as innerProperties. Used to tell a
 * read-only key (the model has it) from one the SDK does not know.
 */
final class SdkFields {
    private SdkFields() {
    }

    /** Whether the model has a field at every step of the path. */
    static boolean holds(Object model, String path) {
        Object value = model;
        Type type = model.getClass();
        for (String step : path.split("\\.")) {
            boolean element = step.endsWith("[]");
            String name = element ? step.substring(0, step.length() - 2) : step;
            Class<?> owner = value != null ? value.getClass() : raw(type);
            if (Map.class.isAssignableFrom(owner)) {
                return true;
            }
            Field field = field(owner, name);
            if (field == null) {
                return false;
            }
            type = field.getGenericType();
            value = read(field, value);
            if (element) {
                type = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
                value = value instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
            }
        }
        return true;
    }

    private static Field field(Class<?> owner, String name) {
        String inner = "inner" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) || f.getName().equals(inner)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Object read(Field field, Object owner) {
        if (owner == null) {
            return null;
        }
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
    }
}
