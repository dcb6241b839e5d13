// The dealer-crm Android library on its own (`./gradlew assembleRelease`); an app may instead
// include this folder as a module of its own build (`include(":dealer-crm")` with
// `project(":dealer-crm").projectDir = file(".../bindings/android")`).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "dealer-crm"
