DROP TABLE evaluation_figures;
