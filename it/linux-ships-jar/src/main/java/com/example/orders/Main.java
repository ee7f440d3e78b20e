package com.example.orders;

public final class Main {
    public static void main(String[] args) {
        System.out.println("orders-service");
    }
}
