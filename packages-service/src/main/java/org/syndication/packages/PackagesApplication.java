package org.syndication.packages;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PackagesApplication {

	public static void main(String[] args) {
		SpringApplication.run(PackagesApplication.class, args);
	}

}
