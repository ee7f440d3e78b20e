package dev.imagebaker.azureimage.emulator;

/** A syntactically valid SSH public key for tests; no private key exists for it anywhere. */
final class TestKeys {
    static final String SSH_PUBLIC_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7bWm0bHTr0sbtHzQxk8kgq0t8Y4d"
            + "2R6eVdEk9dJbGf3K4l0Qe8Wm3d8pOq5gS8xK2bJ4mQ9nV7tY1cR3sW6uF0hL5jZ2aX8eD4kN1pT7vB9yC3fG6iH0jM2lO5qS8"
            + "rU1wV4xZ7bA0cE3gI6kM9nP2qT5uX8yB1dF4hJ7lN0oR3sU6vY9zC2eG5iK8mO1pQ4tW7xA0bD3fH6jL9nR2sV5uZ8yC1eG"
            + "4iK7mP0qS3tW6xB9dF2hJ5lO8nR1sU4vY7zA0cE3gI6kM9oQ2rT5uX8yB1dF4hJ7lN0pS3tW6xZ9 test@emulator";

    private TestKeys() {
    }
}
