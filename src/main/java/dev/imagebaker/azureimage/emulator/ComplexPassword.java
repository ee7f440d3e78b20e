package dev.imagebaker.azureimage.emulator;

/** Azure's rule for Windows admin passwords: 8 to 123 characters, at least 3 of 4 character classes. */
final class ComplexPassword {
    private ComplexPassword() {
    }

    static boolean acceptable(String password) {
        if (password == null || password.length() < 8 || password.length() > 123) {
            return false;
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        return classes >= 3;
    }
}
